/**
 * DynamoDB item sizes and the capacity units they cost, as AWS computes them. Pure functions;
 * the meter (meter.ts) applies them per operation.
 *
 * Item size ("DynamoDB item sizes and formats",
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html):
 * the sum over attributes of (UTF-8 bytes of the attribute name) + (size of the value), where
 * - String: UTF-8 bytes.
 * - Number: approximately 1 byte per two significant digits + 1 byte; leading and trailing
 *   zeroes are trimmed (AWS calls this an approximation; so do we).
 * - Binary: raw bytes (not the base64 length it travels as).
 * - Boolean, Null: 1 byte.
 * - List, Map: 3 bytes of overhead + 1 byte per element + the elements (a Map element also
 *   counts its key's UTF-8 bytes).
 * - Sets (SS, NS, BS): the sum of their elements' sizes. The page gives no rule for sets; this
 *   is the common reading and an approximation.
 * The per-item storage overhead (100 bytes) on that page is for storage billing, not capacity.
 *
 * Capacity units ("DynamoDB read and write operations",
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html):
 * a write unit covers 1 KB (1,024 bytes, minimum one unit per write); a read unit covers 4 KB
 * strongly consistent, half a unit eventually consistent, two units transactional.
 */

/**
 * An AttributeValue as the SDK holds it (binary as bytes) or as it travels in the JSON wire
 * protocol (binary as a base64 string). Exactly one member is set.
 */
export type SizedAttributeValue = {
  S?: string;
  N?: string;
  B?: Uint8Array | string;
  BOOL?: boolean;
  NULL?: boolean;
  L?: SizedAttributeValue[];
  M?: Record<string, SizedAttributeValue>;
  SS?: string[];
  NS?: string[];
  BS?: (Uint8Array | string)[];
};

export type SizedItem = Record<string, SizedAttributeValue>;

export const WRITE_UNIT_BYTES = 1024;
export const READ_UNIT_BYTES = 4096;

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Significant digits of a DynamoDB number string: sign, exponent, point and outer zeroes dropped. */
export function significantDigits(number: string): number {
  const mantissa = number.trim().replace(/^[+-]/, "").split(/[eE]/)[0] ?? "";
  return mantissa.replace(".", "").replace(/^0+/, "").replace(/0+$/, "").length;
}

/** ≈ 1 byte per two significant digits + 1 byte (zero: 1 byte). */
export function numberSize(number: string): number {
  return Math.ceil(significantDigits(number) / 2) + 1;
}

/** Raw bytes of a binary value: a base64 string (wire form) is decoded, bytes counted as they are. */
export function binarySize(value: Uint8Array | string): number {
  return typeof value === "string" ? Buffer.from(value, "base64").length : value.byteLength;
}

/** Size of a value alone, without its attribute name. */
export function attributeValueSize(value: SizedAttributeValue): number {
  if (value.S !== undefined) return utf8Bytes(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return binarySize(value.B);
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.L !== undefined) {
    return value.L.reduce((sum, element) => sum + 1 + attributeValueSize(element), 3);
  }
  if (value.M !== undefined) {
    return Object.entries(value.M).reduce(
      (sum, [name, element]) => sum + 1 + utf8Bytes(name) + attributeValueSize(element),
      3,
    );
  }
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + utf8Bytes(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, b) => sum + binarySize(b), 0);
  return 0;
}

/** Size of one attribute: UTF-8 bytes of its name plus its value. */
export function attributeSize(name: string, value: SizedAttributeValue): number {
  return utf8Bytes(name) + attributeValueSize(value);
}

/** Size of an item (or a key, or any attribute map); 0 for none. */
export function itemSize(item: SizedItem | undefined): number {
  if (!item) return 0;
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += attributeSize(name, value);
  return size;
}

/** Write units for one write of an item of `bytes`: 1 per started KB, at least 1. */
export function writeUnitsFor(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES));
}

export type ReadConsistency = "eventual" | "strong" | "transactional";

/**
 * Read units for reading `bytes` in one go (one item for GetItem and its kin; the sum of all
 * items for one Query or Scan call): 1 per started 4 KB, at least 1, halved when eventually
 * consistent, doubled when transactional.
 */
export function readUnitsFor(bytes: number, consistency: ReadConsistency): number {
  const units = Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES));
  if (consistency === "eventual") return units / 2;
  if (consistency === "transactional") return units * 2;
  return units;
}
