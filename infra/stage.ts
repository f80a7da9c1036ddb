/**
 * Stage rules shared by sst.config.ts and the stacks.
 *
 * "production" is the one stage whose data outlives `sst remove`: every resource is retained
 * and the table has deletion protection. Every other stage (personal, preview, test) is
 * disposable and is removed with its data.
 */
export const PRODUCTION_STAGE = "production";

export function isProduction(stage: string): boolean {
  return stage === PRODUCTION_STAGE;
}

/** Lambda tracing: off unless SPRIDA_TRACING=active at deploy time (X-Ray costs per trace). */
export function tracingMode(env: NodeJS.ProcessEnv = process.env): "active" | "disabled" {
  return env.SPRIDA_TRACING === "active" ? "active" : "disabled";
}

/** "tally-v2" -> "TallyV2": construct ids derived from the shared definitions' ids. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}
