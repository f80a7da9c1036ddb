import {
  Content,
  ContentInput,
  ContentPatch,
  ListContentQuery,
  SuggestionInput,
} from "@sprida/core/content";
import { HttpUrl } from "@sprida/core/schema";
import { z } from "zod";
import { actorOf, session } from "../callers";
import { defineRoute } from "../route";

/** What the library and its editor show of an item: all of it but the organisation id. */
export const ContentView = Content.Info.omit({ orgId: true });

/** An add-by-URL preview: what the page says about itself, or why it could not be read. */
export const PreviewView = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    title: z.string().nullable(),
    description: z.string().nullable(),
    imageUrl: z.string().nullable(),
    canonicalUrl: z.string().nullable(),
    siteName: z.string().nullable(),
    language: z.string().nullable(),
  }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);

const ContentParams = z.strictObject({
  contentId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a valid content id"),
});

/** The library list as a query string: numbers and booleans arrive as text. */
const ListQuery = ListContentQuery.extend({
  awaitingApproval: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
  cursor: z.string().min(1).max(2_000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const ContentRoutes = [
  defineRoute({
    method: "post",
    path: "/api/content/preview",
    summary:
      "Add by URL: read a page's title, description, image and canonical address (ok:false with a message when it cannot be read; a refused address is a 400)",
    tag: "Content",
    access: session("curator"),
    body: z.strictObject({ url: HttpUrl }),
    response: PreviewView,
    handler: async ({ caller, body }) => Content.preview(actorOf(caller), body.url),
  }),
  defineRoute({
    method: "get",
    path: "/api/content",
    summary:
      "The organisation's library, filtered by status, topic, campaign or approval (a curator's: only items in their topics)",
    tag: "Content",
    access: session("curator"),
    query: ListQuery,
    response: z.object({ items: z.array(ContentView), cursor: z.string().nullable() }),
    handler: async ({ caller, query }) => Content.listFor(actorOf(caller), query),
  }),
  defineRoute({
    method: "get",
    path: "/api/content/:contentId",
    summary: "One item of the library",
    tag: "Content",
    access: session("curator"),
    params: ContentParams,
    response: ContentView,
    handler: async ({ caller, params }) => Content.get(caller.orgId, params.contentId),
  }),
  defineRoute({
    method: "post",
    path: "/api/content",
    summary: "Create a draft (admins; curators within their topics)",
    tag: "Content",
    access: session("curator"),
    body: ContentInput,
    response: ContentView,
    status: 201,
    handler: async ({ caller, body }) => Content.create(actorOf(caller), body),
  }),
  defineRoute({
    method: "patch",
    path: "/api/content/:contentId",
    summary: "Change an item's fields; null clears an optional one (curators within their topics)",
    tag: "Content",
    access: session("curator"),
    params: ContentParams,
    body: ContentPatch,
    response: ContentView,
    handler: async ({ caller, params, body }) =>
      Content.update(actorOf(caller), params.contentId, body),
  }),
  defineRoute({
    method: "post",
    path: "/api/content/:contentId/publish",
    summary:
      "Publish now, or schedule for its publish time; a curator's publish may wait for an admin's approval",
    tag: "Content",
    access: session("curator"),
    params: ContentParams,
    response: ContentView,
    handler: async ({ caller, params }) => Content.publish(actorOf(caller), params.contentId),
  }),
  defineRoute({
    method: "post",
    path: "/api/content/:contentId/archive",
    summary: "Take an item out of the feed and the schedule (it stays in the library)",
    tag: "Content",
    access: session("curator"),
    params: ContentParams,
    response: ContentView,
    handler: async ({ caller, params }) => Content.archive(actorOf(caller), params.contentId),
  }),
  defineRoute({
    method: "post",
    path: "/api/content/:contentId/approve",
    summary:
      "Approve an item awaiting approval (a suggestion or a curator's publish) and publish it",
    tag: "Content",
    access: session("admin"),
    params: ContentParams,
    response: ContentView,
    handler: async ({ caller, params }) => Content.approve(actorOf(caller), params.contentId),
  }),
  defineRoute({
    method: "post",
    path: "/api/content/suggestions",
    summary: "Suggest a link: it goes to the curators as a draft awaiting approval",
    tag: "Content",
    access: session("member"),
    body: SuggestionInput,
    response: ContentView,
    status: 201,
    handler: async ({ caller, body }) => Content.suggest(actorOf(caller), body),
  }),
];
