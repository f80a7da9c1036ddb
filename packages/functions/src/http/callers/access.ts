import type { ApiToken } from "@sprida/core/auth";
import type { Role } from "@sprida/core/member";
import type { BearerCaller } from "./bearer";
import type { LinkCaller } from "./link";
import type { SessionCaller } from "./session";
import type { SignedCaller } from "./signed";

/** Anyone, from a browser: no caller, but a state change must still come from our pages. */
export type PublicAccess = { kind: "public" };
/** A signed-in member (session cookie) of at least this role. */
export type SessionAccess = { kind: "session"; role: Role };
/** A server holding one of the organisation's API tokens with this scope. */
export type BearerAccess = { kind: "bearer"; scope: ApiToken.ApiTokenScope };
/** A server that signs each request with one of the organisation's signing keys. */
export type SignedAccess = { kind: "signed" };

/** Whoever holds a signed link from one of our e-mails (its `token` query parameter). */
export type LinkAccess = { kind: "link" };

/** Who may call a route, and so how a request is authenticated. */
export type Access = PublicAccess | SessionAccess | BearerAccess | SignedAccess | LinkAccess;

/** The caller a route's handler receives: typed by its access, never undefined unless public. */
export type CallerOf<A extends Access> = A extends SessionAccess
  ? SessionCaller
  : A extends BearerAccess
    ? BearerCaller
    : A extends SignedAccess
      ? SignedCaller
      : A extends LinkAccess
        ? LinkCaller
        : undefined;

export const PUBLIC: PublicAccess = { kind: "public" };
export const session = <R extends Role>(role: R) => ({ kind: "session", role }) as const;
export const bearer = <S extends ApiToken.ApiTokenScope>(scope: S) =>
  ({ kind: "bearer", scope }) as const;
export const signed = (): SignedAccess => ({ kind: "signed" });
export const LINK: LinkAccess = { kind: "link" };
