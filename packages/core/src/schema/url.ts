import { z } from "zod";

/** `new URL` without the throw (URL.parse is newer than some Node 20 releases). */
export function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f]/;

/**
 * An absolute http(s) URL as written, without credentials, whitespace or control characters
 * (a stored destination goes into a Location header as is; `user@host` is a phishing shape).
 */
export const HttpUrl = z
  .string()
  .min(1)
  .max(2_048)
  .refine(
    (value) => !CONTROL_OR_SPACE.test(value),
    "A URL cannot contain spaces or control characters",
  )
  .refine((value) => {
    const url = parseUrl(value);
    return url !== null && (url.protocol === "http:" || url.protocol === "https:");
  }, "Only http and https addresses are allowed")
  .refine((value) => {
    const url = parseUrl(value);
    return url === null || (url.username === "" && url.password === "");
  }, "A URL cannot carry a user name or password");
