import { assertCampaignExists } from "../campaign";
import { Errors, parseInput } from "../error";
import type { MembershipRef } from "../member";
import { loadActor } from "../member";
import { assertMayCurate } from "./access";
import {
  type Info as Content,
  ContentPatch,
  type ContentPatch as ContentPatchType,
} from "./content.schema";
import { mutate } from "./store";
import { withIds } from "./texts";

const CLEARABLE = ["imageUrl", "campaignId", "publishAt", "expiresAt"] as const;

/**
 * Changes the given fields. A curator must be allowed both the item as it is and as it
 * would be, so it can neither take over nor give away an item outside its topics.
 */
export async function update(
  actorRef: MembershipRef,
  contentId: string,
  patch: ContentPatchType,
): Promise<Content> {
  const changes = parseInput(ContentPatch, patch);
  const actor = await loadActor(actorRef);
  if (changes.campaignId) await assertCampaignExists(actor.orgId, changes.campaignId);
  return mutate(actor.orgId, contentId, (current) => {
    assertMayCurate(actor, current.topics);
    const fields = Object.keys(changes);
    if (fields.length === 0) return undefined;
    const { suggestedTexts, ...rest } = changes;
    const next: Content = { ...current };
    Object.assign(next, rest);
    for (const key of CLEARABLE) if (changes[key] === null) delete next[key];
    if (suggestedTexts) next.suggestedTexts = withIds(suggestedTexts);
    assertMayCurate(actor, next.topics);
    if (next.publishAt && next.expiresAt && next.expiresAt <= next.publishAt) {
      throw Errors.invalid(
        "invalid_input",
        "expiresAt: The expiry time must be after the publish time",
      );
    }
    // A schedule without a time is no schedule: the item goes back to draft.
    if (next.status === "scheduled" && !next.publishAt) next.status = "draft";
    return {
      next,
      audited: { actorMemberId: actor.memberId, action: "content.updated", details: { fields } },
    };
  });
}
