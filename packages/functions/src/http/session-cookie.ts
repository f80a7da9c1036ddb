import { Session } from "@sprida/core/auth";
import { Runtime } from "@sprida/core/runtime";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

/** Secure everywhere but plain-http localhost (browsers drop Secure cookies there). */
export function secure(origin: string): boolean {
  const { protocol, hostname } = new URL(origin);
  return !(protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(hostname));
}

/**
 * The cookie's name and flags for this deployment: on https a `__Host-` cookie (Secure,
 * host-only, path "/"), which nothing on another subdomain or on plain http can set.
 */
function cookieFor(): { name: string; secure: boolean } {
  const isSecure = secure(Runtime.use().publicOrigin);
  return {
    name: isSecure ? Session.SECURE_COOKIE_NAME : Session.COOKIE_NAME,
    secure: isSecure,
  };
}

export function readSessionToken(c: Context): string | undefined {
  return getCookie(c, cookieFor().name);
}

/** The cookie lives as long as the session: rolling, and never past its absolute end. */
export function writeSessionCookie(
  c: Context,
  token: string,
  session: { expiresAt: string },
): void {
  const { name, secure } = cookieFor();
  const maxAge = Math.ceil((Date.parse(session.expiresAt) - Runtime.use().now().getTime()) / 1000);
  setCookie(c, name, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure,
    path: "/",
    maxAge: Math.max(0, maxAge),
  });
}

export function clearSessionCookie(c: Context): void {
  const { name, secure } = cookieFor();
  deleteCookie(c, name, { path: "/", secure, httpOnly: true, sameSite: "Lax" });
}
