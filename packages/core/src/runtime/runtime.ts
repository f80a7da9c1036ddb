import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { KMSClient } from "@aws-sdk/client-kms";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import type { Publisher } from "../event/envelope";
import { createEventBridgePublisher } from "../event/eventbridge-publisher";
import { type KeyWrapper, missingKeyWrapper } from "../keyring/key-wrapper";
import { kmsKeyWrapper } from "../keyring/kms-key-wrapper";

/**
 * Everything domain code needs from the outside world, injected. On Lambda it is built
 * from the environment the infra sets; the local runtime and tests provide their own
 * (DynamoDB Local, the durable local bus, the SES emulator, a metered client...).
 */
export interface Runtime {
  stage: string;
  tableName: string;
  dynamo: DynamoDBClient;
  document: DynamoDBDocumentClient;
  publisher: Publisher;
  mail: SESv2Client;
  /** The sender of every e-mail (a verified SES identity on AWS). */
  mailFrom: string;
  /**
   * The deployment's own origin: the base of every link in e-mails and of tracked links unless
   * an organisation chose one of `alternateOrigins`. Configured by the operator (the
   * distribution's domain on AWS, the running server locally), never by an organisation.
   */
  publicOrigin: string;
  /** Other https origins the deployment serves, among which an organisation may choose. */
  alternateOrigins?: readonly string[];
  /**
   * Exact "host:port" entries the safe fetcher may reach although they are private (tests'
   * local servers). Production never sets it.
   */
  fetchAllowlist?: string[];
  /** Wraps the table's data key, which seals secrets in the table (packages/core/src/keyring). */
  keyWrapper: KeyWrapper;
  now(): Date;
}

/** Document client settings every adapter shares, so items look the same everywhere. */
export function documentClient(dynamo: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(dynamo, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

const LambdaEnvironment = z.object({
  SPRIDA_STAGE: z.string().min(1),
  SPRIDA_TABLE_NAME: z.string().min(1),
  SPRIDA_EVENT_BUS_NAME: z.string().min(1),
  SPRIDA_MAIL_FROM: z.email(),
  SPRIDA_PUBLIC_ORIGIN: z.url(),
  /** Comma-separated https origins the distribution also serves (SPRIDA_DOMAIN's others). */
  SPRIDA_ALTERNATE_ORIGINS: z
    .string()
    .default("")
    .transform((value) => value.split(",").filter((origin) => origin !== "")),
  AWS_REGION: z.string().min(1),
  /** The stage's KMS key, given only to functions that seal or open secrets (infra/keyring.ts). */
  SPRIDA_KMS_KEY_ARN: z.string().startsWith("arn:").optional(),
});

function fromEnvironment(env: NodeJS.ProcessEnv): Runtime {
  const parsed = LambdaEnvironment.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `Runtime not provided and the environment is incomplete: ${z.prettifyError(parsed.error)}`,
    );
  }
  const { SPRIDA_STAGE, SPRIDA_TABLE_NAME, SPRIDA_EVENT_BUS_NAME, AWS_REGION } = parsed.data;
  const dynamo = new DynamoDBClient({ region: AWS_REGION });
  return {
    stage: SPRIDA_STAGE,
    tableName: SPRIDA_TABLE_NAME,
    dynamo,
    document: documentClient(dynamo),
    publisher: createEventBridgePublisher({
      client: new EventBridgeClient({ region: AWS_REGION }),
      busName: SPRIDA_EVENT_BUS_NAME,
    }),
    mail: new SESv2Client({ region: AWS_REGION }),
    mailFrom: parsed.data.SPRIDA_MAIL_FROM,
    publicOrigin: parsed.data.SPRIDA_PUBLIC_ORIGIN,
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
}

let current: Runtime | undefined;

/** The local runtime and tests call this once at start-up. */
export function provide(runtime: Runtime): void {
  current = runtime;
}

export function use(): Runtime {
  current ??= fromEnvironment(process.env);
  return current;
}

/** Builds a value once per runtime (ElectroDB entities bound to the runtime's client and table). */
export function perRuntime<T>(build: (runtime: Runtime) => T): () => T {
  const cache = new WeakMap<Runtime, T>();
  return () => {
    const runtime = use();
    let value = cache.get(runtime);
    if (value === undefined) {
      value = build(runtime);
      cache.set(runtime, value);
    }
    return value;
  };
}
