import { LoggingFormat } from "aws-cdk-lib/aws-lambda";
import type { SSTConfig } from "sst";
import { Alerts, Bus, Jobs, Storage, Streams } from "./infra";
import { isProduction, tracingMode } from "./infra/stage";

/** The default region is in the EU; SPRIDA_REGION overrides it. */
export const DEFAULT_REGION = "eu-north-1";

export default {
  config() {
    return { name: "sprida", region: process.env.SPRIDA_REGION || DEFAULT_REGION };
  },
  stacks(app) {
    // Removal rule: the stage "production" retains every resource when it is removed (and its
    // table has deletion protection, see infra/storage.ts); any other stage is disposable and
    // is destroyed with its data.
    app.setDefaultRemovalPolicy(isProduction(app.stage) ? "retain" : "destroy");

    // Defaults for every function; each handler function adds SPRIDA_TABLE_NAME and
    // SPRIDA_EVENT_BUS_NAME (infra/function.ts), the rest of what packages/core/src/runtime reads.
    // Tracing is off unless SPRIDA_TRACING=active at deploy time.
    app.setDefaultFunctionProps({
      runtime: "nodejs22.x",
      architecture: "arm_64",
      memorySize: "512 MB",
      timeout: "30 seconds",
      tracing: tracingMode(),
      loggingFormat: LoggingFormat.JSON,
      environment: { SPRIDA_STAGE: app.stage },
    });

    // Order matters: each stack uses the ones before it.
    app.stack(Alerts).stack(Storage).stack(Bus).stack(Streams).stack(Jobs);
  },
} satisfies SSTConfig;
