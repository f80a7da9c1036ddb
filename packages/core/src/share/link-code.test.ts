import { describe, expect, it } from "vitest";
import { LINK_CODE_ALPHABET, LINK_CODE_LENGTH, LinkCode, newLinkCode } from "./link-code";

/** A byte source that hands out the given bytes in order, however many are asked for. */
function scripted(bytes: number[]): (size: number) => Uint8Array {
  let at = 0;
  return (size) => {
    const out = new Uint8Array(size);
    for (let i = 0; i < size; i++) out[i] = bytes[at++ % bytes.length] ?? 0;
    return out;
  };
}

describe("link codes", () => {
  it("are 10 base62 characters and validate as LinkCode", () => {
    expect(LINK_CODE_ALPHABET).toHaveLength(62);
    expect(new Set(LINK_CODE_ALPHABET).size).toBe(62);
    for (let i = 0; i < 1_000; i++) {
      const code = newLinkCode();
      expect(code).toMatch(/^[0-9A-Za-z]{10}$/);
      expect(LinkCode.safeParse(code).success).toBe(true);
    }
  });

  it("LinkCode refuses other lengths and characters", () => {
    for (const bad of [
      "",
      "Ab3dE5gH9",
      "Ab3dE5gH9kX",
      "Ab3dE5gH9-",
      "Ab3dE5gH9_",
      "Åb3dE5gH9k",
      "Ab3dE5gH9k\n",
    ]) {
      expect(LinkCode.safeParse(bad).success).toBe(false);
    }
  });

  it("throw away bytes 248-255 instead of folding them onto the first characters", () => {
    // 248..255 would map to "0".."7" under a plain modulo; they must be skipped.
    const code = newLinkCode(scripted([248, 255, 0, 61, 62, 247, 250, 1, 2, 3, 4, 5, 6, 7]));
    expect(code).toBe("0z0z123456");
  });

  it("draw more bytes when a draw is mostly thrown away", () => {
    let calls = 0;
    const source = scripted([...Array(15).fill(255), 10]);
    const code = newLinkCode((size) => {
      calls++;
      return source(size);
    });
    expect(code).toBe("AAAAAAAAAA");
    expect(calls).toBe(10);
  });

  it("use every character about equally often (chi-square over 1M characters)", () => {
    const counts = new Map<string, number>();
    const codes = 100_000;
    for (let i = 0; i < codes; i++) {
      for (const char of newLinkCode()) counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    const expected = (codes * LINK_CODE_LENGTH) / 62;
    let chiSquare = 0;
    for (const char of LINK_CODE_ALPHABET) {
      const observed = counts.get(char) ?? 0;
      chiSquare += (observed - expected) ** 2 / expected;
    }
    // 61 degrees of freedom: mean 61, p(χ² > 130) < 1e-6. A plain `byte % 62` would give
    // the first 8 characters 25% more weight, a χ² in the thousands.
    expect(chiSquare).toBeLessThan(130);
  });

  it("do not repeat over 100k codes", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(newLinkCode());
    expect(seen.size).toBe(100_000);
  });
});
