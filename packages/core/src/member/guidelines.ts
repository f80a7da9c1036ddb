import { z } from "zod";
import { retryOnConflict, TRY_AGAIN } from "../dynamo";
import { Errors, parseInput } from "../error";
import { Org } from "../org";
import { Runtime } from "../runtime";
import { type MemberTransaction, memberService } from "./member.entity";
import type { Info as Member } from "./member.schema";
import { get, loadPresent } from "./read";

const MAX_ATTEMPTS = 3;

const Version = z.number().int().min(1);

const notActive = () =>
  Errors.conflict("not_active", "Only active members can accept the guidelines.");

/**
 * The member accepts the organisation's current social media guidelines (after a new
 * version is published), as joining does: only the current version, checked in the write's
 * own transaction, so a version published meanwhile is not accepted in its place. Accepting
 * the version already accepted keeps its original time. Joining writes no audit entry for
 * its acceptance, and neither does this: the acceptance on the member is the record.
 */
export async function acceptGuidelines(
  orgId: string,
  memberId: string,
  version: number,
): Promise<Member> {
  const accepted = parseInput(Version, version);
  return retryOnConflict(
    async () => {
      const [member, org] = await Promise.all([loadPresent(orgId, memberId), Org.get(orgId)]);
      if (member.status !== "active") throw notActive();
      assertCurrent(org.guidelines?.version, accepted);
      if (member.guidelinesAccepted?.version === accepted) return get(orgId, memberId);
      const at = Runtime.use().now().toISOString();
      const result = await memberService()
        .service.transaction.write((tx: MemberTransaction) => [
          tx.member
            .patch({ orgId, memberId })
            .set({ guidelinesAccepted: { version: accepted, acceptedAt: at } })
            .where((attributes, op) => op.eq(attributes.status, "active"))
            .commit(),
          tx.organisation
            .check({ orgId })
            .where((attributes, op) => op.eq(attributes.guidelines.version, accepted))
            .commit(),
        ])
        .go();
      // The member left or was deactivated, or new guidelines came out: the next look says which.
      if (result.canceled) return TRY_AGAIN;
      return get(orgId, memberId);
    },
    {
      attempts: MAX_ATTEMPTS,
      conflict: () =>
        Errors.conflict("member_busy", "Your membership was changed at the same time. Try again."),
    },
  );
}

function assertCurrent(current: number | undefined, version: number): void {
  if (current === undefined) {
    throw Errors.conflict(
      "guidelines_missing",
      "This organisation has not published its social media guidelines yet.",
    );
  }
  if (current !== version) {
    throw Errors.conflict(
      "guidelines_changed",
      `Version ${version} is not the current version of the guidelines (version ${current} is). Read the current version and accept that.`,
    );
  }
}
