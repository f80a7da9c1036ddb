import { Session } from "@sprida/core/auth";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

const SESSION_COOKIE = Session.COOKIE_NAME;

/** Secure everywhere but plain-http localhost, where browsers would drop a Secure cookie. */
/** Secure everywhere but plain-http localhost (browsers drop Secure cookies there). */
export function secure(origin: string): boolean {
  const { protocol, hostname } = new URL(origin);
  return !(protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(hostname));
}

export function readSessionToken(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function writeSessionCookie(c: Context, token: string, origin: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: secure(origin),
    path: "/",
    maxAge: Session.MAX_AGE_SECONDS,
  });
}

export function clearSessionCookie(c: Context, origin: string): void {
  deleteCookie(c, SESSION_COOKIE, {
    path: "/",
    secure: secure(origin),
    httpOnly: true,
    sameSite: "Lax",
  });
}
