import { BlockList, isIP } from "node:net";

/**
 * The comparison operators of EventBridge event patterns (also used by Lambda event filters):
 * each one validates its operand at startup and tests one leaf value of an event.
 * Semantics: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 * `exists` is not here: it tests whether a field has values, not a value (see event-pattern.ts).
 */

/** A leaf value of an event: what a pattern's matchers are compared with. */
export type Scalar = string | number | boolean | null;

export function fail(path: string, reason: string): never {
  throw new Error(`Invalid event pattern at "${path}": ${reason}`);
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The single key/value pair of an operator object such as `{ "prefix": "us-" }`. */
export function operatorOf(matcher: Record<string, unknown>, path: string): [string, unknown] {
  const entries = Object.entries(matcher);
  const [entry] = entries;
  if (entries.length !== 1 || !entry) fail(path, "an operator object must have exactly one key");
  return entry;
}

interface Operator {
  validate(operand: unknown, path: string): void;
  /** Called only for values present in the event; an operator never matches a missing field. */
  matches(operand: unknown, value: Scalar): boolean;
}

const IGNORE_CASE = "equals-ignore-case";

// A case-insensitive comparison lower-cases both sides; AWS documents no further normalisation.
type StringTest = (value: string, operand: string) => boolean;
const startsWith: StringTest = (value, operand) => value.startsWith(operand);
const endsWith: StringTest = (value, operand) => value.endsWith(operand);
const equalsIgnoreCase: StringTest = (value, operand) =>
  value.toLowerCase() === operand.toLowerCase();
const wildcard: StringTest = (value, operand) => matchesWildcard(operand, value);
const stringTests: Record<string, StringTest> = {
  prefix: startsWith,
  suffix: endsWith,
  [IGNORE_CASE]: equalsIgnoreCase,
  wildcard,
};

function validateString(operand: unknown, path: string): asserts operand is string {
  if (typeof operand !== "string") fail(path, "the operand must be a string");
}

/** `prefix` and `suffix` take a string or `{ "equals-ignore-case": string }`. */
function affixOperator(test: StringTest): Operator {
  return {
    validate(operand, path) {
      if (isObject(operand)) {
        const [name, inner] = operatorOf(operand, path);
        if (name !== IGNORE_CASE) fail(`${path}.${name}`, `only "${IGNORE_CASE}" is allowed here`);
        validateString(inner, `${path}.${name}`);
      } else validateString(operand, path);
    },
    matches(operand, value) {
      if (typeof value !== "string") return false;
      if (typeof operand === "string") return test(value, operand);
      const inner = (operand as Record<string, string>)[IGNORE_CASE] ?? "";
      return test(value.toLowerCase(), inner.toLowerCase());
    },
  };
}

const stringOperator = (test: StringTest, validate = validateString): Operator => ({
  validate,
  matches: (operand, value) => typeof value === "string" && test(value, operand as string),
});

function validateWildcard(operand: unknown, path: string): void {
  validateString(operand, path);
  let previousWasWildcard = false;
  for (let i = 0; i < operand.length; i++) {
    const char = operand.charAt(i);
    if (char === "\\") {
      const next = operand.charAt(i + 1);
      if (next !== "*" && next !== "\\") fail(path, `invalid escape at position ${i}`);
      i++;
      previousWasWildcard = false;
    } else if (char === "*") {
      if (previousWasWildcard) fail(path, `consecutive wildcard characters at position ${i}`);
      previousWasWildcard = true;
    } else previousWasWildcard = false;
  }
}

/** `*` matches any run of characters (including none); `\*` and `\\` are a literal `*` and `\`. */
export function matchesWildcard(pattern: string, value: string): boolean {
  const literals: string[] = [];
  let current = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === "\\") current += pattern.charAt(++i);
    else if (char === "*") {
      literals.push(current);
      current = "";
    } else current += char;
  }
  const first = literals.shift();
  if (first === undefined) return value === current;
  // Anchored at both ends; the pieces in between are found greedily left to right, which is
  // exact for `*`-only globs and stays linear (no regular-expression backtracking).
  if (!value.startsWith(first) || !value.endsWith(current)) return false;
  const end = value.length - current.length;
  let position = first.length;
  for (const literal of literals) {
    const at = value.indexOf(literal, position);
    if (at === -1 || at + literal.length > end) return false;
    position = at + literal.length;
  }
  return position <= end;
}

const comparisons: Record<string, (value: number, bound: number) => boolean> = {
  "=": (value, bound) => value === bound,
  "<": (value, bound) => value < bound,
  "<=": (value, bound) => value <= bound,
  ">": (value, bound) => value > bound,
  ">=": (value, bound) => value >= bound,
};

const isNumber = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value);

/** `["=", 5]`, `["<", 5]`, `[">", 0]`, or a range `[">"|">=", low, "<"|"<=", high]`. */
function validateNumeric(operand: unknown, path: string): void {
  if (!Array.isArray(operand) || (operand.length !== 2 && operand.length !== 4)) {
    fail(path, 'expected [operator, number] or [">"|">=", low, "<"|"<=", high]');
  }
  for (let i = 0; i < operand.length; i += 2) {
    const operator: unknown = operand[i];
    if (typeof operator !== "string" || !(operator in comparisons)) {
      fail(`${path}[${i}]`, `unknown numeric operator ${JSON.stringify(operator)}`);
    }
    if (!isNumber(operand[i + 1])) fail(`${path}[${i + 1}]`, "expected a number");
  }
  if (operand.length === 4) {
    const [low, bottom, high, top] = operand as [string, number, string, number];
    if (!(low === ">" || low === ">=") || !(high === "<" || high === "<=")) {
      fail(path, 'a range must be [">"|">=", low, "<"|"<=", high]');
    }
    if (bottom >= top) fail(path, "the bottom of a range must be less than its top");
  }
}

function matchesNumeric(operand: unknown, value: Scalar): boolean {
  if (typeof value !== "number") return false;
  const terms = operand as (string | number)[];
  for (let i = 0; i < terms.length; i += 2) {
    const compare = comparisons[terms[i] as string];
    if (!compare?.(value, terms[i + 1] as number)) return false;
  }
  return true;
}

type Subnet = { family: number; list: BlockList };
const subnets = new Map<string, Subnet>();

function parseCidr(cidr: string): Subnet | undefined {
  const cached = subnets.get(cidr);
  if (cached) return cached;
  const [address = "", bits, ...rest] = cidr.split("/");
  const family = isIP(address);
  if (rest.length > 0 || bits === undefined || !/^\d{1,3}$/.test(bits) || family === 0) return;
  const prefix = Number(bits);
  if (prefix > (family === 4 ? 32 : 128)) return;
  const list = new BlockList();
  list.addSubnet(address, prefix, family === 4 ? "ipv4" : "ipv6");
  const subnet: Subnet = { family, list };
  subnets.set(cidr, subnet);
  return subnet;
}

function matchesCidr(operand: unknown, value: Scalar): boolean {
  if (typeof value !== "string") return false;
  const subnet = parseCidr(operand as string);
  const family = isIP(value);
  if (!subnet || family !== subnet.family) return false;
  return subnet.list.check(value, family === 4 ? "ipv4" : "ipv6");
}

const NESTED_ANYTHING_BUT = ["prefix", "suffix", IGNORE_CASE, "wildcard"];

/**
 * `anything-but` takes a string, a number, a list of only strings or only numbers, or one of
 * prefix/suffix/equals-ignore-case/wildcard with a string (or list of strings).
 */
function validateAnythingBut(operand: unknown, path: string): void {
  if (typeof operand === "string" || isNumber(operand)) return;
  if (Array.isArray(operand)) {
    const allStrings = operand.every((item) => typeof item === "string");
    if (operand.length === 0 || !(allStrings || operand.every(isNumber))) {
      fail(path, "a list must be non-empty and contain only strings or only numbers");
    }
    return;
  }
  if (!isObject(operand)) fail(path, "expected a string, a number, a list or an operator object");
  const [name, inner] = operatorOf(operand, path);
  const innerPath = `${path}.${name}`;
  if (!NESTED_ANYTHING_BUT.includes(name)) {
    fail(innerPath, `unsupported operator inside anything-but (${NESTED_ANYTHING_BUT.join(", ")})`);
  }
  const items = Array.isArray(inner) ? inner : [inner];
  if (items.length === 0) fail(innerPath, "the list must not be empty");
  items.forEach((item, i) => {
    const itemPath = Array.isArray(inner) ? `${innerPath}[${i}]` : innerPath;
    if (name === "wildcard") validateWildcard(item, itemPath);
    else validateString(item, itemPath);
    if ((name === "prefix" || name === "suffix") && item === "")
      fail(itemPath, "must not be empty");
  });
}

function matchesAnythingBut(operand: unknown, value: Scalar): boolean {
  if (Array.isArray(operand)) return !operand.includes(value);
  if (!isObject(operand)) return value !== operand;
  // A nested string operator can only exclude strings: numbers, booleans and null pass.
  if (typeof value !== "string") return true;
  return !Object.entries(operand).some(([name, inner]) => {
    const test = stringTests[name];
    const items = (Array.isArray(inner) ? inner : [inner]) as string[];
    return test !== undefined && items.some((item) => test(value, item));
  });
}

export const operators: Record<string, Operator> = {
  prefix: affixOperator(startsWith),
  suffix: affixOperator(endsWith),
  [IGNORE_CASE]: stringOperator(equalsIgnoreCase),
  wildcard: stringOperator(wildcard, validateWildcard),
  "anything-but": { validate: validateAnythingBut, matches: matchesAnythingBut },
  numeric: { validate: validateNumeric, matches: matchesNumeric },
  cidr: {
    validate(operand, path) {
      validateString(operand, path);
      if (!parseCidr(operand)) fail(path, `malformed CIDR ${JSON.stringify(operand)}`);
    },
    matches: matchesCidr,
  },
};
