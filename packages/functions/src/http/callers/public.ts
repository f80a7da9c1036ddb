import type { Context } from "hono";
import { checkOrigin } from "./origin";

/** No caller; a state change still has to come from our own pages (sign-in, joining). */
export function authenticatePublic(c: Context): undefined {
  checkOrigin(c);
  return undefined;
}
