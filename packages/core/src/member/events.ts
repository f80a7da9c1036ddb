import { z } from "zod";
import { defineEvent } from "../event/define-event";
import { Runtime } from "../runtime";

/** Membership events carry the memberId only: no e-mail, no name, nothing personal. */
export const Events = {
  Joined: defineEvent("member.joined", z.strictObject({ memberId: z.string().min(1).max(64) })),
  Left: defineEvent("member.left", z.strictObject({ memberId: z.string().min(1).max(64) })),
};

/**
 * Published after the change committed. The event id is derived from the member, so a
 * repeated publish (a retried leave) is the same event and consumers drop the duplicate.
 */
export async function publishMembershipEvent(
  event: (typeof Events)[keyof typeof Events],
  orgId: string,
  memberId: string,
): Promise<void> {
  const runtime = Runtime.use();
  const verb = event === Events.Joined ? "joined" : "left";
  await event.publish(
    runtime.publisher,
    { memberId },
    { orgId, eventId: `${verb}-${memberId}`, occurredAt: runtime.now() },
  );
}
