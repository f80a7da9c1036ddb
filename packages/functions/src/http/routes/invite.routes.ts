import { Session } from "@sprida/core/auth";
import { Member } from "@sprida/core/member";
import { Guidelines } from "@sprida/core/org";
import { z } from "zod";
import { PUBLIC } from "../callers";
import { defineRoute } from "../route";
import { writeSessionCookie } from "../session-cookie";
import { SessionView, sessionView } from "./views";

const Token = z.string().min(1).max(200);

/** The join flow over the API (the /join page does the same with a form). */
export const InviteRoutes = [
  defineRoute({
    method: "post",
    path: "/api/invites/describe",
    summary:
      "What an invitation is for: organisation, guidelines to accept, expiry (records nothing)",
    tag: "Invites",
    access: PUBLIC,
    body: z.strictObject({ token: Token }),
    response: Member.Info.pick({ email: true, role: true, locale: true }).extend({
      orgName: z.string(),
      guidelines: Guidelines.pick({ version: true, text: true }),
      expiresAt: z.string(),
    }),
    handler: async ({ body }) => Member.inviteByToken(body.token),
  }),
  defineRoute({
    method: "post",
    path: "/api/invites/accept",
    summary: "Accept the guidelines and opt in; signs the new member in to this organisation only",
    tag: "Invites",
    access: PUBLIC,
    body: z.strictObject({
      token: Token,
      guidelinesVersion: z.number().int().min(1),
      optIn: z.literal(true),
    }),
    response: SessionView,
    status: 201,
    handler: async ({ body, c }) => {
      const membership = await Member.acceptInvite({
        token: body.token,
        guidelinesVersion: body.guidelinesVersion,
      });
      // Signed in to this organisation only: an invitation link is no key to the others.
      const { sessionToken, session } = await Session.create({
        ...membership,
        startedBy: "invitation",
      });
      writeSessionCookie(c, sessionToken, session);
      return sessionView(session);
    },
  }),
];
