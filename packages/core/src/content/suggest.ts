import { randomUUID } from "node:crypto";
import { parseInput } from "../error";
import type { MembershipRef } from "../member";
import { loadActor } from "../member";
import { RateLimit } from "../rate-limit";
import { Runtime } from "../runtime";
import {
  type Info as Content,
  SuggestionInput,
  type SuggestionInput as SuggestionInputType,
} from "./content.schema";
import { insert } from "./store";

/**
 * Suggestions land in the curators' queue, so a member gets a bounded number of them, like
 * previews: enough for an enthusiast, too few to flood the queue.
 */
export const SUGGESTION_LIMIT = {
  scope: "content.suggestion",
  limit: 10,
  windowSeconds: 60 * 60,
} as const;

/**
 * Any active member suggests a link: a draft awaiting a curator's (or an admin's) approval,
 * in the member's language. Without a title the URL stands in until someone edits it.
 */
export async function suggest(
  actorRef: MembershipRef,
  input: SuggestionInputType,
): Promise<Content> {
  const { url, title, summary, topics } = parseInput(SuggestionInput, input);
  const actor = await loadActor(actorRef);
  await RateLimit.consume({ ...SUGGESTION_LIMIT, key: `${actor.orgId}:${actor.memberId}` });
  const now = Runtime.use().now().toISOString();
  return insert({
    orgId: actor.orgId,
    contentId: randomUUID(),
    kind: "external",
    title: title ?? url.slice(0, 300),
    summary: summary ?? "",
    url,
    topics: topics ?? [],
    language: actor.locale,
    status: "draft",
    featured: false,
    suggestedTexts: [],
    source: "member_suggestion",
    createdBy: actor.memberId,
    awaitingApproval: true,
    createdAt: now,
    updatedAt: now,
  });
}
