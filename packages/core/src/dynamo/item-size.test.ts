import { describe, expect, it } from "vitest";
import {
  attributeSize,
  attributeValueSize,
  itemSize,
  numberSize,
  readUnitsFor,
  significantDigits,
  writeUnitsFor,
} from "./item-size";

// Cases follow the rules on "DynamoDB item sizes and formats" and the worked examples on
// "DynamoDB read and write operations" (AWS Developer Guide; links in item-size.ts).
describe("item size", () => {
  it("string: UTF-8 bytes of the name plus UTF-8 bytes of the value", () => {
    expect(attributeSize("name", { S: "Alice" })).toBe(4 + 5);
    expect(attributeSize("city", { S: "Zürich" })).toBe(4 + 7);
    expect(attributeSize("prix", { S: "10 €" })).toBe(4 + 6);
    expect(attributeSize("größe", { S: "" })).toBe(7);
  });

  it("number: about 1 byte per two significant digits plus 1, leading and trailing zeroes trimmed", () => {
    expect(significantDigits("123")).toBe(3);
    expect(significantDigits("-0.00120")).toBe(2);
    expect(significantDigits("1200")).toBe(2);
    expect(significantDigits("1.5E+3")).toBe(2);
    expect(numberSize("7")).toBe(2);
    expect(numberSize("12")).toBe(2);
    expect(numberSize("123")).toBe(3);
    expect(numberSize("000123000")).toBe(3);
    expect(numberSize("0")).toBe(1);
    // 38 significant digits, the maximum: 19 + 1 bytes.
    expect(numberSize("12345678901234567890123456789012345678")).toBe(20);
    expect(attributeSize("count", { N: "1024" })).toBe(5 + 3);
  });

  it("binary: the raw byte length, not the base64 length it is sent as", () => {
    expect(attributeSize("img", { B: new Uint8Array(10) })).toBe(3 + 10);
    // Wire form: "AAECAwQ=" is base64 for 5 bytes.
    expect(attributeSize("img", { B: "AAECAwQ=" })).toBe(3 + 5);
  });

  it("null and boolean: 1 byte", () => {
    expect(attributeSize("active", { BOOL: false })).toBe(6 + 1);
    expect(attributeSize("gone", { NULL: true })).toBe(4 + 1);
  });

  it("list and map: 3 bytes of overhead, 1 byte per element, plus the elements", () => {
    expect(attributeSize("tags", { L: [] })).toBe(4 + 3);
    expect(attributeSize("meta", { M: {} })).toBe(4 + 3);
    expect(attributeSize("tags", { L: [{ S: "a" }, { S: "bc" }] })).toBe(4 + 3 + (1 + 1) + (1 + 2));
    // A map element counts its key too: 3 + (1 + "x" + number 12) + (1 + "flag" + bool).
    expect(attributeSize("m", { M: { x: { N: "12" }, flag: { BOOL: true } } })).toBe(
      1 + 3 + (1 + 1 + 2) + (1 + 4 + 1),
    );
    // Nested: the inner list has its own overhead.
    expect(attributeValueSize({ L: [{ L: [{ NULL: true }] }] })).toBe(3 + 1 + (3 + 1 + 1));
  });

  it("sets: the sum of their elements", () => {
    expect(attributeValueSize({ SS: ["ab", "c"] })).toBe(3);
    expect(attributeValueSize({ NS: ["1", "1234"] })).toBe(2 + 3);
    expect(attributeValueSize({ BS: [new Uint8Array(4), "AAE="] })).toBe(4 + 2);
  });

  it("item: the sum of its attributes", () => {
    expect(itemSize({ pk: { S: "user#1" }, sk: { S: "profile" }, age: { N: "42" } })).toBe(
      2 + 6 + (2 + 7) + (3 + 2),
    );
    expect(itemSize({})).toBe(0);
    expect(itemSize(undefined)).toBe(0);
  });
});

describe("unit formulas", () => {
  it("writes: one unit per started KB, at least one", () => {
    expect(writeUnitsFor(0)).toBe(1);
    expect(writeUnitsFor(500)).toBe(1);
    expect(writeUnitsFor(1024)).toBe(1);
    expect(writeUnitsFor(1025)).toBe(2);
    // "a standard write request of a 3 KB item would require three" units.
    expect(writeUnitsFor(3 * 1024)).toBe(3);
  });

  it("reads: one unit per started 4 KB, half eventually consistent, double transactional", () => {
    // "reading a 3,500-byte item consumes the same throughput as reading a 4 KB item".
    expect(readUnitsFor(3500, "strong")).toBe(1);
    // "if your item size is 8 KB, you require 2 read units ... 1 read unit if you choose
    // eventually consistent reads or 4 read units for a transactional read request".
    expect(readUnitsFor(8 * 1024, "strong")).toBe(2);
    expect(readUnitsFor(8 * 1024, "eventual")).toBe(1);
    expect(readUnitsFor(8 * 1024, "transactional")).toBe(4);
    // "If you read a 10 KB item, DynamoDB rounds the item size to 12 KB".
    expect(readUnitsFor(10 * 1024, "strong")).toBe(3);
    // A read of a missing item still costs the minimum.
    expect(readUnitsFor(0, "eventual")).toBe(0.5);
    expect(readUnitsFor(0, "strong")).toBe(1);
  });
});
