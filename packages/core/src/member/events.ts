import { z } from "zod";
import { defineEvent } from "../event";
import { Runtime } from "../runtime";

const MemberId = z.string().min(1).max(64);

/**
 * Membership events carry ids only: no e-mail, no name, nothing personal. Consumers read
 * what they need from storage, and find nothing once the member has left.
 */
export const Events = {
  /**
   * An invitation was issued (a first one, or a new token for a pending one). `tokenHash`
   * names the invitation: the join link mailed for it must be that token's, and a newer
   * invitation of the same member makes this one's mail pointless.
   */
  Invited: defineEvent(
    "member.invited",
    z.strictObject({ memberId: MemberId, tokenHash: z.string().regex(/^[0-9a-f]{64}$/) }),
  ),
  Joined: defineEvent("member.joined", z.strictObject({ memberId: MemberId })),
  Left: defineEvent("member.left", z.strictObject({ memberId: MemberId })),
};

/**
 * `member.joined` or `member.left`, to write in the change's transaction (the outbox) and
 * publish after it commits. The id is derived from the member: a membership joins and
 * leaves once, and the outbox job's retries are the same event.
 */
export function membershipEvent(
  event: typeof Events.Joined | typeof Events.Left,
  orgId: string,
  memberId: string,
) {
  const verb = event === Events.Joined ? "joined" : "left";
  return event.create(
    { memberId },
    { orgId, eventId: `${verb}-${memberId}`, occurredAt: Runtime.use().now() },
  );
}

/** `member.invited` of one invitation; each (re)issued invitation is a new event. */
export function invitedEvent(orgId: string, memberId: string, tokenHash: string) {
  return Events.Invited.create({ memberId, tokenHash }, { orgId, occurredAt: Runtime.use().now() });
}
