import { Weekly } from "@sprida/core/weekly";
import { z } from "zod";
import { actorOf, LINK, PUBLIC, session } from "../callers";
import { defineRoute } from "../route";

const Token = z.strictObject({ token: z.string().min(1).max(300) });

const Subscription = z.object({
  kind: z.enum(["admin-report", "digest"]),
  orgName: z.string(),
  subscribed: z.boolean(),
});

/** The weekly e-mails: unsubscribing from a link, and the admin site's view of them. */
export const MailRoutes = [
  defineRoute({
    method: "get",
    path: "/api/unsubscribe",
    summary:
      "What an e-mail's unsubscribe link is for (which e-mail, which organisation, whether it is on); changes nothing",
    tag: "E-mail",
    access: PUBLIC,
    query: Token,
    response: Subscription,
    handler: ({ query }) => Weekly.subscription(query.token),
  }),
  defineRoute({
    method: "post",
    path: "/api/unsubscribe",
    summary:
      "Turn the e-mail an unsubscribe link names off (subscribed: false), or on again: the hub page's button",
    tag: "E-mail",
    access: PUBLIC,
    body: Token.extend({ subscribed: z.boolean() }),
    response: Subscription,
    handler: async ({ body }) =>
      Weekly.setSubscribed(await Weekly.openUnsubscribeToken(body.token), body.subscribed),
  }),
  defineRoute({
    method: "post",
    path: "/api/unsubscribe/one-click",
    summary:
      "RFC 8058 one-click unsubscribe (List-Unsubscribe-Post), sent by mail providers with the link's token; GET is not allowed",
    tag: "E-mail",
    access: LINK,
    bodyType: "form",
    body: z.strictObject({ "List-Unsubscribe": z.literal("One-Click") }),
    response: z.object({ subscribed: z.literal(false) }),
    handler: async ({ caller }) => {
      await Weekly.setSubscribed(caller.target, false);
      return { subscribed: false as const };
    },
  }),
  defineRoute({
    method: "get",
    path: "/api/admin/mail/overview",
    summary:
      "The weekly e-mails: when they go out, who gets them, suppressed addresses and how the last weeks' sends went",
    tag: "E-mail",
    access: session("admin"),
    response: Weekly.MailOverview,
    handler: ({ caller }) => Weekly.overview(actorOf(caller)),
  }),
  defineRoute({
    method: "get",
    path: "/api/admin/mail/preview",
    summary: "One weekly e-mail as I would get it for a week, in a language (subject, HTML, text)",
    tag: "E-mail",
    access: session("admin"),
    query: Weekly.MailPreviewQuery,
    response: Weekly.MailPreview,
    handler: ({ caller, query }) => Weekly.preview(actorOf(caller), query),
  }),
  defineRoute({
    method: "post",
    path: "/api/admin/mail/test",
    summary: "Send one weekly e-mail for a week to my own address, its subject marked [Test]",
    tag: "E-mail",
    access: session("admin"),
    body: Weekly.MailPreviewQuery,
    response: z.object({ sentTo: z.string() }),
    handler: ({ caller, body }) => Weekly.sendTest(actorOf(caller), body),
  }),
];
