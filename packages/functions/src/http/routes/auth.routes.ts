import { Auth, Session } from "@sprida/core/auth";
import { Email } from "@sprida/core/schema";
import { z } from "zod";
import { PUBLIC, session } from "../callers";
import { defineRoute } from "../route";
import { clearSessionCookie, readSessionToken, writeSessionCookie } from "../session-cookie";
import { SessionView, sessionView } from "./views";

const Accepted = z.object({ message: z.string() });
const Token = z.string().min(1).max(200);

/** Sign-in and session routes: the only ones that set or clear the session cookie. */
export const AuthRoutes = [
  defineRoute({
    method: "post",
    path: "/api/auth/sign-in/request",
    summary: "E-mail a sign-in link and code (same answer whether or not the address is known)",
    tag: "Sign-in",
    access: PUBLIC,
    body: z.strictObject({ email: Email, orgId: z.string().max(64).optional() }),
    response: Accepted,
    status: 202,
    handler: async ({ body, clientKey }) => {
      await Auth.requestSignIn({ ...body, clientKey });
      return { message: "If the address is known, a sign-in link and code are on their way." };
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/auth/sign-in/link",
    summary: "Sign in with the token from an e-mailed link (single use, 15 minutes)",
    tag: "Sign-in",
    access: PUBLIC,
    body: z.strictObject({ token: Token }),
    response: SessionView,
    handler: async ({ body, clientKey, c }) => {
      const { sessionToken, session } = await Auth.signInWithLink({ token: body.token, clientKey });
      writeSessionCookie(c, sessionToken, session);
      return sessionView(session);
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/auth/sign-in/code",
    summary: "Sign in with the six-digit code from the e-mail",
    tag: "Sign-in",
    access: PUBLIC,
    body: z.strictObject({ email: Email, code: z.string().max(20) }),
    response: SessionView,
    handler: async ({ body, clientKey, c }) => {
      const { sessionToken, session } = await Auth.signInWithCode({ ...body, clientKey });
      writeSessionCookie(c, sessionToken, session);
      return sessionView(session);
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/auth/sign-out",
    summary: "Sign out here (this session)",
    tag: "Sign-in",
    access: session("member"),
    response: z.object({ signedOut: z.literal(true) }),
    handler: async ({ caller, c }) => {
      await Session.revoke(caller.sessionId);
      clearSessionCookie(c);
      return { signedOut: true as const };
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/auth/sign-out-everywhere",
    summary: "Sign out of every session of mine, in every organisation",
    tag: "Sign-in",
    access: session("member"),
    response: z.object({ revoked: z.number().int() }),
    handler: async ({ caller, c }) => {
      const revoked = await Session.revokeAllForPerson(caller.personId);
      clearSessionCookie(c);
      return { revoked };
    },
  }),
  defineRoute({
    method: "get",
    path: "/api/session",
    summary: "Who I am signed in as, and the organisations I can switch to",
    tag: "Sign-in",
    access: session("member"),
    response: SessionView,
    handler: async ({ caller }) => sessionView(caller),
  }),
  defineRoute({
    method: "post",
    path: "/api/session/organisation",
    summary: "Switch this session to another organisation I am an active member of",
    tag: "Sign-in",
    access: session("member"),
    body: z.strictObject({ orgId: z.string().min(1).max(64) }),
    response: SessionView,
    handler: async ({ body, c }) =>
      sessionView(await Session.switchOrganisation(readSessionToken(c), body.orgId)),
  }),
  defineRoute({
    method: "get",
    path: "/api/me/sessions",
    summary: "My sessions (where I am signed in); nothing here signs anyone in",
    tag: "Me",
    access: session("member"),
    response: z.object({
      sessions: z.array(
        Session.SessionSummary.omit({ memberId: true }).extend({ current: z.boolean() }),
      ),
    }),
    handler: async ({ caller: me }) => {
      const sessions = await Session.listForPerson(me.personId);
      return { sessions: sessions.map((s) => ({ ...s, current: s.sessionId === me.sessionId })) };
    },
  }),
];
