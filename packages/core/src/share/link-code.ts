import { randomBytes } from "node:crypto";
import { z } from "zod";

export const LINK_CODE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const LINK_CODE_LENGTH = 10;

/** The `{code}` of `/r/{code}`: 10 base62 characters, 62^10 ≈ 8.4e17 codes (≈ 59.5 bits). */
export const LinkCode = z.string().regex(/^[0-9A-Za-z]{10}$/, "Not a link code");
export type LinkCode = z.infer<typeof LinkCode>;

/** 248 = 4 × 62: bytes from 248 up are thrown away so each character is equally likely. */
const ACCEPT_BELOW = 256 - (256 % LINK_CODE_ALPHABET.length);

/**
 * A new random link code. Codes cannot be guessed or enumerated, so a link says nothing
 * about its neighbours; the caller still writes it under a condition that it is new.
 * `random` is for tests; it must return `size` uniformly random bytes.
 */
export function newLinkCode(random: (size: number) => Uint8Array = randomBytes): LinkCode {
  let code = "";
  while (code.length < LINK_CODE_LENGTH) {
    // 16 bytes fall short of 10 characters about once in 4 million draws; then draw again.
    for (const byte of random(16)) {
      if (byte >= ACCEPT_BELOW) continue;
      code += LINK_CODE_ALPHABET[byte % LINK_CODE_ALPHABET.length];
      if (code.length === LINK_CODE_LENGTH) break;
    }
  }
  return code;
}
