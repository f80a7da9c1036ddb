import type { EventPattern } from "@sprida/core/event";
import { fail, isObject, operatorOf, operators, type Scalar } from "./operators";

/**
 * AWS EventBridge event-pattern matching, also used for Lambda event filters on stream records.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 *
 * A pattern mirrors the event: an object descends into the event's object of the same name, and
 * an array is a leaf listing matchers, any of which may match (OR); every field of the pattern
 * must match (AND), and `$or` takes a list of sub-patterns of which one must match.
 * `matchesPattern` expects a pattern that `validatePattern` accepted.
 */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  return matchesObject(pattern, event);
}

/** Throws an Error naming the offending path (e.g. `detail.state[0].numeric`). */
export function validatePattern(pattern: unknown): asserts pattern is EventPattern {
  validateObject(pattern, "$");
}

const OR = "$or";

// An event array holding objects matches when one of its elements matches the whole
// sub-pattern, so fields are never combined across elements (EventBridge does the same).
function matchesObject(pattern: Record<string, unknown>, value: unknown): boolean {
  const candidates = objectsIn(value);
  if (candidates.length === 0) return matchesFields(pattern, undefined);
  return candidates.some((candidate) => matchesFields(pattern, candidate));
}

function matchesFields(
  pattern: Record<string, unknown>,
  event: Record<string, unknown> | undefined,
): boolean {
  return Object.entries(pattern).every(([key, sub]) => {
    if (key === OR) {
      return (sub as Record<string, unknown>[]).some((branch) => matchesFields(branch, event));
    }
    const field = event && Object.hasOwn(event, key) ? event[key] : undefined;
    if (Array.isArray(sub)) return matchesLeaf(sub, scalarsIn(field));
    return matchesObject(sub as Record<string, unknown>, field);
  });
}

// Only leaf values count: a missing field, an empty array and an object all have none, which is
// why `{"exists": false}` matches a field holding an object (exists works on leaf nodes only).
function matchesLeaf(matchers: unknown[], values: Scalar[]): boolean {
  return matchers.some((matcher) => {
    if (!isObject(matcher)) return values.includes(matcher as Scalar);
    const [name, operand] = Object.entries(matcher)[0] ?? [];
    if (name === "exists") return operand === values.length > 0;
    const operator = name === undefined ? undefined : operators[name];
    return operator !== undefined && values.some((value) => operator.matches(operand, value));
  });
}

const scalarsIn = (value: unknown): Scalar[] =>
  Array.isArray(value) ? value.flatMap(scalarsIn) : isScalar(value) ? [value] : [];

const objectsIn = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.flatMap(objectsIn) : isObject(value) ? [value] : [];

const isScalar = (value: unknown): value is Scalar =>
  value === null || ["string", "number", "boolean"].includes(typeof value);

function validateObject(pattern: unknown, path: string): asserts pattern is EventPattern {
  if (!isObject(pattern)) fail(path, "expected an object");
  const entries = Object.entries(pattern);
  if (entries.length === 0) fail(path, "must not be an empty object");
  for (const [key, sub] of entries) {
    const subPath = path === "$" ? key : `${path}.${key}`;
    if (key === OR) validateOr(sub, subPath);
    else if (Array.isArray(sub)) validateLeaf(sub, subPath);
    else if (isObject(sub)) validateObject(sub, subPath);
    else fail(subPath, "expected an array of values to match or a nested object");
  }
}

function validateOr(branches: unknown, path: string): void {
  if (!Array.isArray(branches) || branches.length < 2) {
    fail(path, "$or takes an array of at least two patterns");
  }
  branches.forEach((branch, i) => {
    validateObject(branch, `${path}[${i}]`);
  });
}

function validateLeaf(matchers: unknown[], path: string): void {
  if (matchers.length === 0) fail(path, "an array of values to match must not be empty");
  matchers.forEach((matcher, i) => {
    const matcherPath = `${path}[${i}]`;
    if (typeof matcher === "number" && !Number.isFinite(matcher)) fail(matcherPath, "bad number");
    if (isScalar(matcher)) return;
    if (!isObject(matcher))
      fail(matcherPath, "expected a string, number, boolean, null or operator");
    const [name, operand] = operatorOf(matcher, matcherPath);
    if (name === "exists") {
      if (typeof operand !== "boolean") fail(`${matcherPath}.exists`, "expected true or false");
      return;
    }
    const operator = operators[name];
    if (!operator) fail(matcherPath, `unknown operator "${name}"`);
    operator.validate(operand, `${matcherPath}.${name}`);
  });
}
