import { missingKeyWrapper } from "@sprida/core/keyring";
import {
  type ParameterReader,
  type Runtime,
  readSsmParameter,
  resolvePublicOrigin,
} from "@sprida/core/runtime";
import { z } from "zod";
import { DEFAULT_REGION } from "../../../../infra/region";
import { awsRuntime } from "../../../functions/src/aws-runtime";

/** sst.config.ts's app name: SST prefixes every name it makes with it and the stage. */
const APP_NAME = "sprida";

/** SST's rule for stage names: a letter, then letters, digits and hyphens. */
export const StageName = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9-]*$/, "A stage name is a letter, then letters, digits and hyphens");

/** An AWS region such as eu-north-1 or us-gov-west-1. */
export const Region = z
  .string()
  .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "Give an AWS region such as eu-north-1");

/**
 * The names a deployed stage's resources have. They depend on the stage alone, as the stacks
 * make them: SST's `app.logicalPrefixedName(id)` is "<stage>-sprida-<id>" for the table
 * (infra/storage.ts, id "Table") and the bus (infra/bus.ts, id "Bus"); the configuration set
 * and the public origin's SSM parameter are named in infra/mail.ts and infra/settings.ts.
 * stage-runtime.test.ts holds these to the infra's own functions.
 */
export function stageResources(stage: string) {
  const prefixed = (id: string) => `${stage}-${APP_NAME}-${id}`;
  return {
    tableName: prefixed("Table"),
    eventBusName: prefixed("Bus"),
    mailConfigurationSet: `${APP_NAME}-${stage}-mail`,
    publicOriginParameter: `/${APP_NAME}/${stage}/public-origin`,
  };
}
export type StageResources = ReturnType<typeof stageResources>;

/** --region, else SPRIDA_REGION (as `sst deploy` reads it), else the deployments' default. */
export function stageRegion(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag || env.SPRIDA_REGION || DEFAULT_REGION;
}

/**
 * Where the public origin comes from when no flag gives it, in the order the deployment decides
 * it (infra/settings.ts publicOriginSource): SPRIDA_PUBLIC_ORIGIN, else the first name of
 * SPRIDA_DOMAIN (a custom domain), else the SSM parameter the Api stack writes.
 */
export function publicOriginSource(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  resources: StageResources,
): { origin: string } | { parameterName: string } {
  const domain = env.SPRIDA_DOMAIN?.split(",")[0]?.trim().toLowerCase();
  const origin = flag || env.SPRIDA_PUBLIC_ORIGIN || (domain ? `https://${domain}` : undefined);
  return origin ? { origin } : { parameterName: resources.publicOriginParameter };
}

export interface StageTarget {
  stage: string;
  region: string;
  /** The stage's sender, SPRIDA_MAIL_FROM as deployed: no stage resource names it. */
  mailFrom: string;
  source: ReturnType<typeof publicOriginSource>;
}

/**
 * The environment a Lambda function of the stage gets (infra/function.ts), for the same
 * awsRuntime; not the keyring key: nothing an operator command does seals or opens a secret.
 */
export function stageEnvironment(target: StageTarget): Record<string, string> {
  const resources = stageResources(target.stage);
  return {
    SPRIDA_STAGE: target.stage,
    SPRIDA_TABLE_NAME: resources.tableName,
    SPRIDA_EVENT_BUS_NAME: resources.eventBusName,
    SPRIDA_MAIL_FROM: target.mailFrom,
    SPRIDA_MAIL_CONFIGURATION_SET: resources.mailConfigurationSet,
    AWS_REGION: target.region,
    ...("origin" in target.source
      ? { SPRIDA_PUBLIC_ORIGIN: target.source.origin }
      : { SPRIDA_PUBLIC_ORIGIN_PARAMETER: target.source.parameterName }),
  };
}

/**
 * The runtime of a deployed stage, with the operator's AWS credentials (the SDK's default
 * chain): the stage's table, bus and SES configuration set, its public origin read as its
 * functions read it.
 */
export async function stageRuntime(
  target: StageTarget,
  readParameter: ParameterReader = inRegion(target.region),
): Promise<Runtime.Runtime> {
  const env = stageEnvironment(target);
  try {
    await resolvePublicOrigin(env, readParameter);
  } catch (error) {
    const name = env.SPRIDA_PUBLIC_ORIGIN_PARAMETER;
    throw new StageSetupError(
      `Could not read the public origin of stage ${target.stage} from SSM parameter ${name} in ` +
        `${target.region} (${(error as Error).name}: ${(error as Error).message}). Is the stage ` +
        "deployed there, and are your AWS credentials for its account? A stage with SPRIDA_DOMAIN " +
        "has no parameter: give --public-origin https://<its first domain>.",
    );
  }
  return {
    ...awsRuntime(env),
    keyWrapper: missingKeyWrapper("operator commands seal no secrets (packages/local/src/cli)"),
  };
}

/** A stage that cannot be reached as asked: said in one line, exit code 1. */
export class StageSetupError extends Error {
  override name = "StageSetupError";
}

/** core's reader is Lambda's, which finds its region in AWS_REGION: this process is one stage's. */
function inRegion(region: string): ParameterReader {
  return (name) => {
    process.env.AWS_REGION = region;
    return readSsmParameter(name);
  };
}

/**
 * The runtime of a deployed stage for commands that only read and write its table (no e-mail,
 * no links, no secrets): the stage's table and bus, with the operator's AWS credentials.
 */
export function stageTableRuntime(stage: string, region: string): Runtime.Runtime {
  const resources = stageResources(stage);
  return {
    ...awsRuntime({
      SPRIDA_STAGE: stage,
      SPRIDA_TABLE_NAME: resources.tableName,
      SPRIDA_EVENT_BUS_NAME: resources.eventBusName,
      // Required by the runtime; nothing these commands do sends e-mail.
      SPRIDA_MAIL_FROM: "operator-command@sprida.invalid",
      AWS_REGION: region,
    }),
    publicOrigin: "https://operator-command.sprida.invalid",
    keyWrapper: missingKeyWrapper("operator commands seal no secrets (packages/local/src/cli)"),
  };
}
