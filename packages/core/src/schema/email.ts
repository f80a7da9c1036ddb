import { z } from "zod";

/** An e-mail address as people type it: trimmed, at most 254 characters, kept lower-case. */
export const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((email) => email.toLowerCase());
