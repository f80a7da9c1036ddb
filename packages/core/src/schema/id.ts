import { z } from "zod";

/**
 * An id a client may choose or that travels in a path (content, campaign, feed ids): letters,
 * digits, `_` and `-`, at most 64, so it is safe in a key, a URL and a log line.
 */
export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a valid id");
