import { z } from "zod";

/**
 * The rules for text people type (names, titles, summaries, share texts, guidelines), in one
 * place so every field refuses the same things with the same words:
 *
 * - Line endings become "\n" and the text is normalised to NFC, so "e\u0301" and "é" are
 *   one spelling (they compare, search and count alike). Lengths count characters (code
 *   points) after that, so a decomposed input is not charged for its combining marks.
 * - Control characters (C0, DEL, C1) are refused; a multi-line field takes "\n" and "\t".
 * - Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are
 *   refused: they reorder the text around them, so a title can show one thing and say
 *   another (and push a name's neighbours around on a leaderboard). The marks U+200E,
 *   U+200F and U+061C are allowed: they change no order, and right-to-left writing needs them.
 * - Unpaired surrogates, noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF...) and U+FFFD are
 *   refused: U+FFFD is what a lost byte became somewhere on the way, so the text is damaged.
 * - A required text (`visible`) needs a visible character: a letter, digit, punctuation or
 *   symbol that is not default-ignorable. Zero-width characters, combining marks alone,
 *   variation selectors and Hangul fillers show as nothing; inside visible text (a ZWJ in
 *   an emoji sequence, an accent on a letter) they are fine.
 */

const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
const DAMAGED = /[\p{Cs}\p{Noncharacter_Code_Point}\uFFFD]/u;
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;
/** Letters and symbols that still draw nothing (Hangul fillers are letters; U+2800 a symbol). */
const BLANK = /[\p{Default_Ignorable_Code_Point}\u2800]/u;

const isControl = (character: string, multiline: boolean) =>
  /\p{Cc}/u.test(character) && !(multiline && (character === "\n" || character === "\t"));

const codePoint = (character: string) =>
  `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

/** "\r\n" and a lone "\r" become "\n"; then NFC. */
export function normalise(value: string): string {
  return value.replace(/\r\n?/g, "\n").normalize("NFC");
}

/** Length in characters (code points), as the limits count it. */
export function length(value: string): number {
  return Array.from(value).length;
}

export function hasVisibleCharacter(value: string): boolean {
  for (const character of value) {
    if (VISIBLE.test(character) && !BLANK.test(character)) return true;
  }
  return false;
}

/** What is wrong with an already normalised text, or null when nothing is. */
export function problemOf(value: string, options: { multiline?: boolean } = {}): string | null {
  for (const character of value) {
    if (isControl(character, options.multiline ?? false)) {
      return character === "\n" || character === "\t"
        ? `contains a line break or tab (${codePoint(character)}); it must be one line`
        : `contains a control character (${codePoint(character)})`;
    }
    if (BIDI_CONTROL.test(character)) {
      return `contains a bidirectional control character (${codePoint(character)})`;
    }
    if (DAMAGED.test(character)) {
      return character === "\uFFFD"
        ? "contains U+FFFD, a character lost in decoding: paste the original text again"
        : `contains a broken character (${codePoint(character)})`;
    }
  }
  return null;
}

export interface FieldOptions {
  /** Longest allowed, in characters after normalisation (and trimming). */
  max: number;
  /** Takes "\n" and "\t" (summaries, share texts, guidelines). */
  multiline?: boolean;
  /** Must contain a visible character (names, titles, anything required). */
  visible?: boolean;
  /** Leading and trailing whitespace removed (on unless the field keeps text as typed). */
  trim?: boolean;
}

/**
 * A zod string following the rules above: normalised (and trimmed), then checked. Stays a
 * `ZodString`, so `.optional()`, `.default()` and the JSON Schema of the API work as before.
 */
export function field(options: FieldOptions) {
  const { max, multiline = false, visible = false, trim = true } = options;
  return z
    .string()
    .overwrite((value) => (trim ? normalise(value).trim() : normalise(value)))
    .superRefine((value, context) => {
      const problem = problemOf(value, { multiline });
      if (problem) context.addIssue({ code: "custom", message: `The text ${problem}` });
      else if (visible && !hasVisibleCharacter(value)) {
        context.addIssue({ code: "custom", message: "The text must contain a visible character" });
      }
      if (length(value) > max) {
        context.addIssue({ code: "custom", message: `The text can be at most ${max} characters` });
      }
    });
}

/** What `field` refuses, except "\n" and "\t". */
const STRIPPED =
  /(?![\n\t])[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}\uFFFD\u202A-\u202E\u2066-\u2069]/gu;

/**
 * Third-party text (a feed's titles, a fetched page's metadata) made fit to store without
 * refusing it: one bad item must not fail an import. Normalised as `field` does, and what
 * `field` refuses is removed ("\n" and "\t" stay; single-line callers collapse whitespace).
 */
export function strip(value: string): string {
  return normalise(value).replace(STRIPPED, "");
}
