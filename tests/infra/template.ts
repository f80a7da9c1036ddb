import type { SynthesizedApp, SynthesizedStack } from "./synth";

/** Small helpers to read synthesized CloudFormation templates. */

export type Properties = Record<string, unknown>;

/** Resources of one type in a stack, as [logicalId, properties] pairs. */
export function resourcesOfType(stack: SynthesizedStack, type: string): [string, Properties][] {
  return Object.entries(stack.resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([logicalId, resource]) => [logicalId, resource.Properties ?? {}]);
}

/** Resources of one type across every stack of the app. */
export function allResourcesOfType(
  app: SynthesizedApp,
  type: string,
): { stack: SynthesizedStack; logicalId: string; properties: Properties }[] {
  return Object.values(app.stacks).flatMap((stack) =>
    resourcesOfType(stack, type).map(([logicalId, properties]) => ({
      stack,
      logicalId,
      properties,
    })),
  );
}

/** The one resource of `type` whose properties satisfy `match`; fails if none or several. */
export function single(
  stack: SynthesizedStack,
  type: string,
  match: (properties: Properties) => boolean = () => true,
): [string, Properties] {
  const found = resourcesOfType(stack, type).filter(([, properties]) => match(properties));
  const [first] = found;
  if (found.length !== 1 || first === undefined) {
    throw new Error(`Expected one ${type} in ${stack.stackName}, found ${found.length}`);
  }
  return first;
}

/**
 * Whether `value` points at resource `logicalId` of stack `owner` (its Ref, or its attribute
 * `attribute`), directly when in the same stack or through a cross-stack export.
 */
export function refersTo(
  value: unknown,
  owner: SynthesizedStack,
  logicalId: string,
  attribute?: string,
): boolean {
  if (typeof value !== "object" || value === null) return false;
  const reference = value as Record<string, unknown>;
  if (attribute === undefined && reference.Ref === logicalId) return true;
  const getAtt = reference["Fn::GetAtt"];
  if (
    attribute !== undefined &&
    Array.isArray(getAtt) &&
    getAtt[0] === logicalId &&
    getAtt[1] === attribute
  ) {
    return true;
  }
  const imported = reference["Fn::ImportValue"];
  if (typeof imported !== "string") return false;
  const exported =
    attribute === undefined
      ? `ExportsOutputRef${logicalId}`
      : `ExportsOutputFnGetAtt${logicalId}${attribute}`;
  return imported.startsWith(`${owner.stackName}:${exported}`);
}

/** Reads a nested property: at(props, "DestinationConfig", "OnFailure", "Destination"). */
export function at(value: unknown, ...keys: (string | number)[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/**
 * Whether `value` mentions resource `logicalId` of its own stack anywhere inside it (a Ref or an
 * Fn::GetAtt, also within Fn::Join, Fn::Select...): for values CloudFormation builds from parts.
 */
export function mentions(value: unknown, logicalId: string): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return value.some((item) => mentions(item, logicalId));
  const reference = value as Record<string, unknown>;
  if (reference.Ref === logicalId) return true;
  const getAtt = reference["Fn::GetAtt"];
  if (Array.isArray(getAtt) && getAtt[0] === logicalId) return true;
  return Object.values(reference).some((item) => mentions(item, logicalId));
}

/** The statements of the IAM policies attached to a function's role. */
export function roleStatements(stack: SynthesizedStack, fn: Properties): Properties[] {
  const roleId = (at(fn, "Role", "Fn::GetAtt", 0) as string) ?? "";
  return resourcesOfType(stack, "AWS::IAM::Policy")
    .filter(([, policy]) => (policy.Roles as unknown[]).some((r) => refersTo(r, stack, roleId)))
    .flatMap(([, policy]) => at(policy, "PolicyDocument", "Statement") as Properties[]);
}

/** Every function of a handler in packages/functions, with its stack. */
export function handlerFunctions(app: SynthesizedApp) {
  return Object.values(app.stacks).flatMap((stack) =>
    resourcesOfType(stack, "AWS::Lambda::Function")
      .filter(([, fn]) => String(fn.Handler).startsWith("packages/functions/src/"))
      .map(([logicalId, fn]) => ({ stack, logicalId, fn, handler: String(fn.Handler) })),
  );
}
