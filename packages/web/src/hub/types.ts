import type { paths } from "../api";

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : never;

/** Answers of the API, named for the hub's pages (all derived from the generated types). */
export type Feed = Ok<paths["/api/feed"]["get"]>;
export type FeedItem = Feed["items"][number];
export type Me = Ok<paths["/api/me"]["get"]>;
export type Channel = Ok<paths["/api/channels"]["get"]>["channels"][number];
export type Standing = Ok<paths["/api/me/points"]["get"]>;
export type MyLink = Ok<paths["/api/me/links"]["get"]>["links"][number];
export type Leaderboard = Ok<paths["/api/leaderboard"]["get"]>;
export type Organisation = Ok<paths["/api/organisation"]["get"]>;
