import { z } from "zod";
import { retryOnConflict, TRY_AGAIN } from "../dynamo";
import { Errors, parseInput } from "../error";
import { Org, type Info as Organisation } from "../org";
import { Outbox } from "../outbox";
import { Runtime } from "../runtime";
import { countDelta, counterWrites } from "./counts";
import { Events, membershipEvent } from "./events";
import { memberService } from "./member.entity";
import type { Locale, MembershipRef, Role } from "./member.schema";
import { loadMember, type PresentMember, refOf, toMember } from "./read";
import { hashInviteToken, InviteToken } from "./token";

const MAX_ATTEMPTS = 3;

/** What the join page shows. Reading it records nothing. */
export interface InviteView {
  orgId: string;
  orgName: string;
  email: string;
  displayName?: string;
  role: Role;
  locale: Locale;
  guidelines: { version: number; text: string };
  expiresAt: string;
}

export async function inviteByToken(token: string): Promise<InviteView> {
  const { member, org, validUntil } = await openInvite(token);
  const guidelines = currentGuidelines(org);
  return {
    orgId: org.orgId,
    orgName: org.name,
    email: member.email,
    displayName: member.displayName,
    role: member.role,
    locale: member.locale,
    guidelines: { version: guidelines.version, text: guidelines.text },
    expiresAt: validUntil,
  };
}

export const AcceptInviteInput = z.strictObject({
  token: z.string().max(200),
  /** The version the member read and accepted; it must still be the current one. */
  guidelinesVersion: z.number().int().min(1),
});
export type AcceptInviteInput = z.input<typeof AcceptInviteInput>;

/**
 * Joins: the member opts in and accepts the organisation's current guidelines. Single use:
 * the token is marked used and the member activated under conditions on both, in one
 * transaction with the member counts and `member.joined` (the outbox, published after the
 * commit), so a retried or concurrent accept changes nothing.
 * This is the first moment anything about the member's activity may be recorded.
 */
export async function acceptInvite(input: AcceptInviteInput): Promise<MembershipRef> {
  const { token, guidelinesVersion } = parseInput(AcceptInviteInput, input);
  return retryOnConflict(
    async () => {
      const { member, org, tokenHash } = await openInvite(token);
      if (currentGuidelines(org).version !== guidelinesVersion) {
        throw Errors.conflict(
          "guidelines_changed",
          "The guidelines changed after you opened this page. Read them again and accept the current version.",
        );
      }
      const now = Runtime.use().now();
      const at = now.toISOString();
      const { orgId, memberId } = member;
      const joined = membershipEvent(Events.Joined, orgId, memberId);
      const result = await memberService()
        .service.transaction.write((tx) => [
          tx.token
            .patch({ tokenHash })
            .set({ usedAt: at })
            .where((attributes, op) => op.notExists(attributes.usedAt))
            .commit(),
          tx.member
            .patch({ orgId, memberId })
            .set({
              status: "active",
              joinedAt: at,
              guidelinesAccepted: { version: guidelinesVersion, acceptedAt: at },
            })
            .remove(["inviteTokenHash", "inviteExpiresAt"])
            .where(
              // The role too: it decides whether an owner joins, which the counts must know.
              (attributes, op) =>
                `${op.eq(attributes.status, "invited")} AND ${op.eq(attributes.role, member.role)} AND ${op.eq(attributes.inviteTokenHash, tokenHash)}`,
            )
            .commit(),
          tx.organisation
            .check({ orgId })
            .where((attributes, op) => op.eq(attributes.guidelines.version, guidelinesVersion))
            .commit(),
          ...counterWrites(
            tx,
            orgId,
            Org.localDay(org.timeZone, now),
            countDelta(member, { status: "active", role: member.role }),
          ),
          Outbox.outboxWrite(tx, joined),
        ])
        .go();
      // Someone else used the token, or the guidelines or the member changed: look again,
      // and the next look says which.
      if (result.canceled) return TRY_AGAIN;
      await Outbox.publishKept(joined);
      return refOf({ ...member, status: "active" });
    },
    {
      attempts: MAX_ATTEMPTS,
      conflict: () =>
        Errors.conflict("invite_busy", "The invitation changed while you accepted it. Try again."),
    },
  );
}

async function openInvite(
  token: string,
): Promise<{ member: PresentMember; org: Organisation; tokenHash: string; validUntil: string }> {
  if (!InviteToken.safeParse(token).success) throw notValid();
  const tokenHash = hashInviteToken(token);
  const { data: stored } = await memberService().token.get({ tokenHash }).go({ consistent: true });
  if (!stored) throw notValid();
  if (stored.usedAt) {
    throw Errors.gone("invite_used", "This invitation has already been accepted. Sign in instead.");
  }
  if (Runtime.use().now().toISOString() >= stored.validUntil) {
    throw Errors.gone("invite_expired", "This invitation has expired. Ask for a new one.");
  }
  const item = await loadMember(stored.orgId, stored.memberId);
  if (item?.status !== "invited" || item.inviteTokenHash !== tokenHash) {
    throw Errors.gone("invite_withdrawn", "This invitation is no longer valid. Ask for a new one.");
  }
  return {
    member: toMember(item),
    org: await Org.get(stored.orgId),
    tokenHash,
    validUntil: stored.validUntil,
  };
}

function notValid() {
  return Errors.notFound("invite_not_found", "This invitation link is not valid.");
}

function currentGuidelines(org: Organisation) {
  if (!org.guidelines) {
    throw Errors.conflict(
      "guidelines_missing",
      "This organisation has not published its social media guidelines yet, so invitations cannot be accepted. Ask the person who invited you.",
    );
  }
  return org.guidelines;
}
