import { LoggingFormat } from "aws-cdk-lib/aws-lambda";
import type { SSTConfig } from "sst";
import { getStack } from "sst/constructs";
import { Alerts, Api, Bus, Jobs, Monitoring, Storage, Streams } from "./infra";
import { RUNTIME_PROVIDED } from "./infra/bundle";
import { applyStageProtection } from "./infra/protection";
import { DEFAULT_REGION } from "./infra/region";
import { tracingMode } from "./infra/stage";

export { DEFAULT_REGION };

export default {
  config() {
    return { name: "sprida", region: process.env.SPRIDA_REGION || DEFAULT_REGION };
  },
  stacks(app) {
    // Defaults for every function; each handler function adds SPRIDA_TABLE_NAME,
    // SPRIDA_EVENT_BUS_NAME, SPRIDA_MAIL_FROM and the public origin (infra/function.ts), the rest
    // of what packages/core/src/runtime reads. Deploy-time settings: infra/settings.ts
    // (SPRIDA_MAIL_FROM is required; SPRIDA_DOMAIN and SPRIDA_CERTIFICATE_ARN are optional).
    // Tracing is off unless SPRIDA_TRACING=active at deploy time.
    app.setDefaultFunctionProps({
      runtime: "nodejs22.x",
      architecture: "arm_64",
      memorySize: "512 MB",
      timeout: "30 seconds",
      tracing: tracingMode(),
      loggingFormat: LoggingFormat.JSON,
      environment: { SPRIDA_STAGE: app.stage },
      // Smaller bundles load faster at a cold start; the e-mail renderer (MJML) alone is
      // megabytes unminified. Stack traces keep their names. The AWS SDK v3 ships with the
      // nodejs22.x runtime, so it is not bundled (infra/bundle.ts). TypeScript and uglify-js are
      // optional imports of MJML's minifier (config loading, JS minifying), which we never run.
      nodejs: {
        minify: true,
        esbuild: { keepNames: true, external: [...RUNTIME_PROVIDED, "typescript", "uglify-js"] },
      },
    });

    // Order matters: each stack uses the ones before it.
    app
      .stack(Alerts)
      .stack(Storage)
      .stack(Bus)
      .stack(Api)
      .stack(Streams)
      .stack(Jobs)
      .stack(Monitoring);
    // Removal rule (infra/stage.ts): a protected stage keeps everything and refuses removal.
    applyStageProtection(app, [Alerts, Storage, Bus, Api, Streams, Jobs, Monitoring]);
    // Without a custom domain, functions read the public origin from an SSM parameter the Api
    // stack writes once its distribution exists. Scheduled jobs may run (and send e-mail) without
    // any request, so on a first deploy the Jobs stack waits for the Api stack.
    getStack(Jobs).addDependency(getStack(Api));
  },
} satisfies SSTConfig;
