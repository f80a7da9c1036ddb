import { Click } from "@sprida/core/click";
import type { Context } from "hono";
import { setCookie } from "hono/cookie";
import { secure } from "../session-cookie";

/**
 * Marks this browser as the member's for their own clicks. Its path is `/r/`, so the hub
 * never reads it back: the value is rebuilt from the person's memberships each time.
 */
export async function writeSelfCookie(
  c: Context,
  memberships: readonly { orgId: string; memberId: string }[],
  origin: string,
): Promise<void> {
  setCookie(c, Click.SELF_COOKIE, await Click.selfCookieValue(memberships), {
    httpOnly: true,
    sameSite: "Lax",
    secure: secure(origin),
    path: "/r/",
    maxAge: Click.SELF_COOKIE_MAX_AGE_SECONDS,
  });
}
