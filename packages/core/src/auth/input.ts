import { z } from "zod";

export { parseInput } from "../error";

/** An id from another domain (person, organisation, membership): opaque, bounded. */
export const Id = z.string().min(1).max(128);

/** An already-hashed identifier of the client (from the HTTP layer), for rate limits. */
export const ClientKey = z.string().min(1).max(128);
