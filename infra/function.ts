import type { HandlerAccess, HandlerPath } from "@sprida/core/event";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as kms from "aws-cdk-lib/aws-kms";
import * as logs from "aws-cdk-lib/aws-logs";
import { NagSuppressions } from "cdk-nag";
import {
  type App,
  type EventBus,
  type FunctionProps,
  Function as SstFunction,
  type Stack,
  type Table,
} from "sst/constructs";
import { grantKeyring } from "./keyring";
import { suppressManagedLambdaRole } from "./nag";
import { grantHandlerAccess } from "./permissions";
import { deploySettings, publicOriginSource, runtimeSettingsEnvironment } from "./settings";
import { tracingMode } from "./stage";

/** What Sprida handlers reach: the single table, the event bus and the stage's KMS key. */
export interface RuntimeResources {
  table: Table;
  bus: EventBus;
  /** Granted only to the functions whose access says `usesKeyring` (infra/keyring.ts). */
  keyring: kms.IKey;
}

export interface HandlerFunctionProps
  extends Omit<FunctionProps, "handler" | "bind" | "environment" | "logGroup" | "functionName"> {
  handler: HandlerPath;
  description: string;
  /** What it may do with the table, the bus and the keyring (infra/permissions.ts). */
  access: HandlerAccess;
  /**
   * Whether it builds links to the site (e-mails, pages), so needs the public origin; default
   * true. The redirect does not: it gets neither the origin's SSM parameter nor its read, and
   * so reads nothing from SSM at cold start.
   */
  buildsLinks?: boolean;
}

/**
 * A Lambda function for one handler of packages/functions, with the environment that
 * packages/core/src/runtime reads (SPRIDA_STAGE comes from the app defaults in sst.config.ts;
 * AWS_REGION is set by Lambda; SPRIDA_MAIL_FROM and the public origin, or the SSM parameter
 * holding it, from the deploy settings, see infra/settings.ts) and least-privilege grants:
 * the table actions and PutEvents its access declares (infra/permissions.ts), GetParameter on the
 * public-origin parameter when there is one, and the stage's KMS key (with SPRIDA_KMS_KEY_ARN)
 * only when its access says `usesKeyring` (infra/keyring.ts). Sending e-mail is granted
 * separately, to the functions that send it (infra/mail.ts). SST's `bind` is not used on
 * purpose: it grants `dynamodb:*` (including DeleteTable) and `events:*`, and the handlers read
 * SPRIDA_* variables, not SST's binding variables.
 */
export function handlerFunction(
  stack: Stack,
  id: string,
  resources: RuntimeResources,
  { access, buildsLinks = true, ...props }: HandlerFunctionProps,
): SstFunction {
  const app = stack.node.root as App;
  const functionName = app.logicalPrefixedName(id);
  const settings = deploySettings();
  const source = publicOriginSource(app, settings);
  // Without links to build, only an origin that costs nothing to know is passed on.
  const publicOrigin = buildsLinks || "origin" in source ? source : undefined;
  const logGroup = new logs.LogGroup(stack, `${id}Logs`, {
    logGroupName: `/aws/lambda/${functionName}`,
    retention: logs.RetentionDays.ONE_MONTH,
  });
  const fn = new SstFunction(stack, id, {
    ...props,
    functionName,
    logGroup,
    environment: {
      SPRIDA_TABLE_NAME: resources.table.tableName,
      SPRIDA_EVENT_BUS_NAME: resources.bus.eventBusName,
      ...runtimeSettingsEnvironment(app, settings, publicOrigin),
    },
  });
  grantHandlerAccess(fn, access, resources);
  if (access.usesKeyring) grantKeyring(fn, resources.keyring);
  if (publicOrigin && "parameterName" in publicOrigin) {
    // The ARN is built from the parameter's constant name, not taken from the parameter (which
    // the Api stack creates after the distribution): see publicOriginSource.
    grantReadParameter(stack, fn, publicOrigin.parameterName);
  }
  suppressManagedLambdaRole(fn);
  NagSuppressions.addResourceSuppressions(
    fn,
    [
      {
        id: "AwsSolutions-IAM5",
        reason:
          "Query on the single table's own global secondary indexes (gsi1, gsi2): the grant names " +
          "the table's ARN followed by /index/*, which matches only this table's indexes.",
        appliesTo: [{ regex: "/^Resource::.*\\/index\\/\\*$/" }],
      },
    ],
    true,
  );
  if (tracingMode() === "active") {
    NagSuppressions.addResourceSuppressions(
      fn,
      [
        {
          id: "AwsSolutions-IAM5",
          reason:
            "X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level " +
            "permission; CDK adds them when tracing is active (SPRIDA_TRACING=active).",
          appliesTo: ["Resource::*"],
        },
      ],
      true,
    );
  }
  return fn;
}

/** GetParameter on one SSM parameter by its name (`/a/b`), the ARN built from the name. */
export function grantReadParameter(stack: Stack, fn: SstFunction, name: string): void {
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ["ssm:GetParameter"],
      resources: [
        stack.formatArn({
          service: "ssm",
          resource: "parameter",
          resourceName: name.replace(/^\//, ""),
        }),
      ],
    }),
  );
}
