import { describe, expect, it } from "vitest";
import { Text } from ".";

const title = Text.field({ max: 10, visible: true });
const summary = Text.field({ max: 10, multiline: true });

function refusal(schema: typeof title, value: string): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

describe("text people type", () => {
  it("normalises to NFC: a decomposed é is stored composed", () => {
    expect(title.parse("Caf\u0065\u0301")).toBe("Café");
    expect(title.parse("  Café  ")).toBe("Café");
  });

  it("counts the limit in characters after normalisation", () => {
    // Ten decomposed letters are twenty code units before NFC and ten characters after.
    expect(title.parse("e\u0301".repeat(10))).toBe("é".repeat(10));
    expect(refusal(title, "é".repeat(11))).toBe("The text can be at most 10 characters");
    // An emoji is two UTF-16 units but one character.
    expect(title.parse("😀".repeat(10))).toBe("😀".repeat(10));
  });

  it("accepts Swedish letters, emoji and ZWJ sequences", () => {
    expect(title.parse("Åsa Öberg")).toBe("Åsa Öberg");
    expect(title.parse("räksmörgås")).toBe("räksmörgås");
    expect(title.parse("👩‍💻 Dev")).toBe("👩\u200D💻 Dev");
    expect(title.parse("👩‍💻")).toBe("👩‍💻");
    expect(title.parse("🏳️‍🌈")).toBe("🏳️‍🌈");
  });

  it("refuses NUL and other control characters", () => {
    expect(refusal(title, "a\u0000b")).toBe("The text contains a control character (U+0000)");
    expect(refusal(title, "a\u0007b")).toBe("The text contains a control character (U+0007)");
    expect(refusal(title, "a\u0085b")).toBe("The text contains a control character (U+0085)");
    expect(refusal(summary, "a\u001Bb")).toBe("The text contains a control character (U+001B)");
  });

  it("takes line breaks and tabs only in multi-line fields, with CRLF made LF", () => {
    const long = Text.field({ max: 100, multiline: true });
    expect(long.parse("one\r\ntwo\rthree\tfour")).toBe("one\ntwo\nthree\tfour");
    // "\r\n" counts as one character: nine letters and a line break fit in ten.
    expect(summary.parse("abcd\r\nefghi")).toBe("abcd\nefghi");
    expect(refusal(title, "one\ntwo")).toMatch(
      /line break or tab \(U\+000A\); it must be one line/,
    );
    expect(refusal(title, "one\ttwo")).toMatch(/line break or tab \(U\+0009\)/);
    expect(refusal(title, "one\rtwo")).toMatch(/line break or tab \(U\+000A\)/);
  });

  it("refuses bidirectional embeddings, overrides and isolates, allows the marks", () => {
    for (const control of ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2069"]) {
      expect(refusal(title, `invoice${control}fdp.exe`)).toMatch(
        /^The text contains a bidirectional control character \(U\+20[26][0-9A-E]\)$/,
      );
    }
    expect(title.parse("שלום\u200F!")).toBe("שלום\u200F!");
    expect(title.parse("a\u200Eb\u061C")).toBe("a\u200Eb\u061C");
  });

  it("refuses U+FFFD, unpaired surrogates and noncharacters", () => {
    expect(refusal(title, "bad \uFFFD byte")).toMatch(/U\+FFFD, a character lost in decoding/);
    expect(refusal(title, "a\uD800b")).toBe("The text contains a broken character (U+D800)");
    expect(refusal(title, "a\uDC00")).toBe("The text contains a broken character (U+DC00)");
    expect(refusal(title, "a\uFFFE")).toBe("The text contains a broken character (U+FFFE)");
    expect(refusal(title, "a\uFFFF")).toBe("The text contains a broken character (U+FFFF)");
    expect(refusal(title, "a\uFDD0")).toBe("The text contains a broken character (U+FDD0)");
  });

  it("requires a visible character in names and titles", () => {
    const invisible = [
      "",
      "   ",
      "\u200B",
      "\u200B\u200C\u200D",
      "\u2060\uFEFF",
      "\u0301\u0308",
      "\uFE0F",
      "\u3164",
      "\u115F\u1160",
      "\uFFA0",
      "\u2800",
      "\u00AD",
      "\u200B \u3000 \u200B",
    ];
    for (const value of invisible) {
      expect(refusal(title, value), JSON.stringify(value)).toBe(
        "The text must contain a visible character",
      );
    }
    expect(title.parse("\u200BA")).toBe("\u200BA");
    expect(title.parse("7")).toBe("7");
    expect(title.parse("!")).toBe("!");
  });

  it("lets an optional text be empty when it need not be visible", () => {
    expect(summary.parse("")).toBe("");
    expect(summary.parse("  ")).toBe("");
  });

  it("keeps text as typed when the field does not trim", () => {
    const asTyped = Text.field({ max: 10, multiline: true, trim: false });
    expect(asTyped.parse(" hi\n")).toBe(" hi\n");
  });
});

describe("third-party text, stripped rather than refused", () => {
  it("removes controls, bidirectional controls and damage, keeps line breaks and tabs", () => {
    expect(Text.strip("a\u0000b\u202Ec\u2066d\uFFFDe\uD800f\uFFFFg")).toBe("abcdefg");
    expect(Text.strip("one\r\ntwo\tthree")).toBe("one\ntwo\tthree");
  });

  it("normalises to NFC and keeps what is fine: marks, ZWJ, emoji, åäö", () => {
    expect(Text.strip("Cafe\u0301 👩‍💻 åäö \u200F")).toBe("Café 👩‍💻 åäö \u200F");
  });

  it("leaves something field() accepts", () => {
    const messy = "  Bad\u0000 \u202Efeed\uFFFD title\u2069  ";
    const stripped = Text.strip(messy);
    expect(Text.field({ max: 100, visible: true }).parse(stripped)).toBe("Bad feed title");
  });
});
