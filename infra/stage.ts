/**
 * Stage rules shared by sst.config.ts and the stacks.
 *
 * Every stage is **protected** unless it is declared disposable: its data outlives `sst
 * remove` (every resource is retained, the table has deletion protection and point-in-time
 * recovery, the stacks have termination protection) and its alarms must reach someone
 * (SPRIDA_ALERT_EMAIL is required). A stage is disposable when it is named `test` (the
 * offline synth), `dev` or `dev-*`, `pr-*` or `preview-*`, or when SPRIDA_STAGE_DISPOSABLE=true
 * is set at deploy time (a personal stage). "production" and "prod" can never be disposable:
 * asking for it is refused. A stage name nobody declared (SST's default, the user's name)
 * is therefore protected: losing data by accident is worse than keeping a stage too long.
 */
const ALWAYS_PROTECTED = new Set(["production", "prod"]);
const DISPOSABLE = /^(test|dev|dev-.+|pr-.+|preview-.+)$/;

export function isProtected(stage: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const declaredDisposable = env.SPRIDA_STAGE_DISPOSABLE?.trim() === "true";
  if (ALWAYS_PROTECTED.has(stage)) {
    if (declaredDisposable) {
      throw new Error(
        `The stage "${stage}" is always protected: unset SPRIDA_STAGE_DISPOSABLE to deploy it.`,
      );
    }
    return true;
  }
  return !(declaredDisposable || DISPOSABLE.test(stage));
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
