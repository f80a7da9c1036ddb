import { describe, expect, it } from "vitest";
import {
  codeHash,
  isWellFormedBearerToken,
  newBearerToken,
  newSixDigitCode,
  sameDigest,
  sha256Hex,
} from "./secrets";

describe("sign-in and session secrets", () => {
  it("are 32 random bytes in base64url, different every time", () => {
    const tokens = new Set(Array.from({ length: 100 }, newBearerToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
      expect(isWellFormedBearerToken(token)).toBe(true);
    }
  });

  it("refuse anything that is not shaped like one before it is hashed", () => {
    expect(isWellFormedBearerToken(undefined)).toBe(false);
    expect(isWellFormedBearerToken("")).toBe(false);
    expect(isWellFormedBearerToken(`${newBearerToken()}x`)).toBe(false);
    expect(isWellFormedBearerToken(`${newBearerToken().slice(1)}=`)).toBe(false);
    expect(isWellFormedBearerToken("a".repeat(10_000))).toBe(false);
  });

  it("make six-digit codes that keep their leading zeros", () => {
    const codes = Array.from({ length: 2000 }, newSixDigitCode);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(codes.some((code) => code.startsWith("0"))).toBe(true);
  });

  it("hash a code with its token's id, so equal codes of two tokens hash differently", () => {
    expect(codeHash("token-a", "123456")).not.toBe(codeHash("token-b", "123456"));
    expect(codeHash("token-a", "123456")).toBe(codeHash("token-a", "123456"));
    expect(codeHash("token-a", "123456")).not.toBe(sha256Hex("123456"));
  });

  it("compare digests by value", () => {
    const digest = sha256Hex("x");
    expect(sameDigest(digest, sha256Hex("x"))).toBe(true);
    expect(sameDigest(digest, sha256Hex("y"))).toBe(false);
    expect(sameDigest(digest, digest.slice(0, 32))).toBe(false);
    expect(sameDigest("", "")).toBe(false);
  });
});
