import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { KMSClient } from "@aws-sdk/client-kms";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import {
  createEventBridgePublisher,
  kmsKeyWrapper,
  missingKeyWrapper,
} from "@sprida/core/aws-adapters";
import { Runtime } from "@sprida/core/runtime";
// zod's small build: every function starts here, the redirect (whose bundle is kept small) too.
import * as z from "zod/mini";

const nonEmpty = () => z.string().check(z.minLength(1));

const LambdaEnvironment = z.object({
  SPRIDA_STAGE: nonEmpty(),
  SPRIDA_TABLE_NAME: nonEmpty(),
  SPRIDA_EVENT_BUS_NAME: nonEmpty(),
  SPRIDA_MAIL_FROM: z.email(),
  /** The SES configuration set whose events suppress bounced addresses (infra/mail.ts). */
  SPRIDA_MAIL_CONFIGURATION_SET: z.optional(nonEmpty()),
  /** The weekly sender's pace: SES's sending quota per second (infra/settings.ts). */
  SPRIDA_MAIL_PER_SECOND: z.optional(z.coerce.number().check(z.positive(), z.maximum(1_000))),
  /** Absent only where nothing builds links to the site (the redirect: infra/function.ts). */
  SPRIDA_PUBLIC_ORIGIN: z.optional(z.url()),
  /** Comma-separated https origins the distribution also serves (SPRIDA_DOMAIN's others). */
  SPRIDA_ALTERNATE_ORIGINS: z.pipe(
    z._default(z.string(), ""),
    z.transform((value) => value.split(",").filter((origin) => origin !== "")),
  ),
  AWS_REGION: nonEmpty(),
  /** The stage's KMS key, given only to functions that seal or open secrets (infra/keyring.ts). */
  SPRIDA_KMS_KEY_ARN: z.optional(z.string().check(z.startsWith("arn:"))),
});

/** The runtime on Lambda, from the environment the infra sets (infra/function.ts). */
export function awsRuntime(env: NodeJS.ProcessEnv): Runtime.Runtime {
  const parsed = LambdaEnvironment.safeParse(env);
  if (!parsed.success) {
    throw new Error(`The Lambda environment is incomplete: ${z.prettifyError(parsed.error)}`);
  }
  const { SPRIDA_STAGE, SPRIDA_TABLE_NAME, SPRIDA_EVENT_BUS_NAME, AWS_REGION } = parsed.data;
  const dynamo = new DynamoDBClient({ region: AWS_REGION });
  const runtime: Runtime.Runtime = {
    stage: SPRIDA_STAGE,
    tableName: SPRIDA_TABLE_NAME,
    dynamo,
    document: Runtime.documentClient(dynamo),
    publisher: createEventBridgePublisher({
      client: new EventBridgeClient({ region: AWS_REGION }),
      busName: SPRIDA_EVENT_BUS_NAME,
    }),
    mail: new SESv2Client({ region: AWS_REGION }),
    mailFrom: parsed.data.SPRIDA_MAIL_FROM,
    mailConfigurationSet: parsed.data.SPRIDA_MAIL_CONFIGURATION_SET,
    mailPerSecond: parsed.data.SPRIDA_MAIL_PER_SECOND,
    publicOrigin: parsed.data.SPRIDA_PUBLIC_ORIGIN ?? "",
    keyWrapper: parsed.data.SPRIDA_KMS_KEY_ARN
      ? kmsKeyWrapper({
          client: new KMSClient({ region: AWS_REGION }),
          keyArn: parsed.data.SPRIDA_KMS_KEY_ARN,
          stage: SPRIDA_STAGE,
        })
      : missingKeyWrapper("this function was given no SPRIDA_KMS_KEY_ARN (infra/keyring.ts)"),
    alternateOrigins: parsed.data.SPRIDA_ALTERNATE_ORIGINS,
    now: () => new Date(),
  };
  if (parsed.data.SPRIDA_PUBLIC_ORIGIN === undefined) {
    // A function given no origin must not build a link with an empty one: it fails loudly.
    Object.defineProperty(runtime, "publicOrigin", {
      get() {
        throw new Error("This function was given no public origin (infra/function.ts buildsLinks)");
      },
    });
  }
  return runtime;
}
