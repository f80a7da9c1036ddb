import type { MembershipRef } from "../member";
import { RateLimit } from "../rate-limit";
import { Runtime } from "../runtime";
import { Source } from "../source";

/** Each preview fetches a page someone named, so a member gets a bounded number of them. */
export const PREVIEW_LIMIT = {
  scope: "content.preview",
  limit: 60,
  windowSeconds: 15 * 60,
} as const;

/**
 * Add by URL: reads the page's metadata through the safe fetcher, for the editor to fill
 * the item from (or, when the page cannot be read, to say so and let the curator type it).
 */
export async function preview(actor: MembershipRef, url: string) {
  await RateLimit.consume({ ...PREVIEW_LIMIT, key: `${actor.orgId}:${actor.memberId}` });
  return Source.previewUrl(url, { allow: { hosts: Runtime.use().fetchAllowlist ?? [] } });
}
