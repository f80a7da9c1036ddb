import { z } from "zod";
import { isLive } from "../content";
import type { MembershipRef } from "../member";
import { loadActor } from "../member";
import { Runtime } from "../runtime";
import { publishedItems } from "./feed";

/** A topic of the organisation's live items, and how many of them carry it. */
export const TopicCount = z.object({ topic: z.string(), items: z.number().int().min(1) });
export type TopicCount = z.infer<typeof TopicCount>;

/**
 * The topics of the member's organisation's live items (published, not expired; the same
 * set the feed shows), with how many live items each has: most items first, then by name.
 */
export async function topicsOf(actorRef: MembershipRef): Promise<TopicCount[]> {
  const actor = await loadActor(actorRef);
  const now = Runtime.use().now();
  const counts = new Map<string, number>();
  for (const item of await publishedItems(actor.orgId)) {
    if (item.orgId !== actor.orgId || !isLive(item, now)) continue;
    for (const topic of item.topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  }
  return [...counts]
    .map(([topic, items]) => ({ topic, items }))
    .sort((a, b) => b.items - a.items || a.topic.localeCompare(b.topic));
}
