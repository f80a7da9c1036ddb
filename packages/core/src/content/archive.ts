import type { MembershipRef } from "../member";
import { loadActor } from "../member";
import { assertMayCurate } from "./access";
import type { Info as Content } from "./content.schema";
import { mutate } from "./store";

/** Takes an item out of the feed and the schedule; it stays in the library. */
export async function archive(actorRef: MembershipRef, contentId: string): Promise<Content> {
  const actor = await loadActor(actorRef);
  return mutate(actor.orgId, contentId, (current) => {
    assertMayCurate(actor, current.topics);
    if (current.status === "archived") return undefined;
    return {
      next: { ...current, status: "archived", awaitingApproval: false },
      audited: { actorMemberId: actor.memberId, action: "content.archived" },
    };
  });
}
