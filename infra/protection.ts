import { type App, getStack } from "sst/constructs";
import { isProtected } from "./stage";

/**
 * The removal rule of infra/stage.ts applied to the app: on a protected stage every resource
 * is retained when the stage is removed and each stack has termination protection, so
 * `sst remove` is refused; a disposable stage is destroyed with its data.
 */
export function applyStageProtection(app: App, stacks: Parameters<typeof getStack>[0][]): boolean {
  const protectedStage = isProtected(app.stage);
  app.setDefaultRemovalPolicy(protectedStage ? "retain" : "destroy");
  for (const stack of stacks) getStack(stack).terminationProtection = protectedStage;
  return protectedStage;
}
