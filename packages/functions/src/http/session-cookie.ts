import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

export const SESSION_COOKIE = "sprida_session";
const THIRTY_DAYS_SECONDS = 30 * 24 * 60 * 60;

/** Secure everywhere but plain-http localhost, where browsers would drop a Secure cookie. */
function secure(origin: string): boolean {
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
    maxAge: THIRTY_DAYS_SECONDS,
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
