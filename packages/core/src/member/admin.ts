import { auditWrite } from "../audit";
import { retryOnConflict, TRY_AGAIN } from "../dynamo";
import { Errors, parseInput } from "../error";
import { Org } from "../org";
import { Runtime } from "../runtime";
import { assertMayTouchOwner, loadAdmin } from "./actor";
import { assertOwnerRemains, type CountedState, countDelta, counterWrites } from "./counts";
import { type MemberTransaction, memberService } from "./member.entity";
import {
  CuratorTopics,
  type Info as Member,
  type MembershipRef,
  Role,
  Segment,
  type Segment as SegmentType,
} from "./member.schema";
import { get, loadPresent, type PresentMember } from "./read";

const MAX_ATTEMPTS = 3;

const LAST_OWNER =
  "The organisation must keep at least one active owner. Make someone else an owner first.";

interface Change {
  action: string;
  details: Record<string, string | number | boolean | string[]>;
  /** The member's new fields; status and role changes move the counts. */
  set: Partial<
    Pick<PresentMember, "role" | "status" | "segment" | "curatorTopics" | "deactivatedAt">
  >;
  remove?: "deactivatedAt"[];
}

/**
 * Applies an admin's change to a member of the admin's organisation: authorises against the
 * stored roles, writes the change conditional on the member's status and role as read, the
 * counts it moves, and the audit entry, in one transaction. A lost race reads again.
 */
async function applyAdminChange(
  actorRef: MembershipRef,
  memberId: string,
  decide: (actor: PresentMember, target: PresentMember) => Change | undefined,
): Promise<Member> {
  return retryOnConflict(
    async () => {
      const actor = await loadAdmin(actorRef);
      const target = await loadPresent(actor.orgId, memberId);
      const change = decide(actor, target);
      if (!change) return get(actor.orgId, memberId);
      const after: CountedState = {
        status: change.set.status ?? target.status,
        role: change.set.role ?? target.role,
      };
      const delta = countDelta(target, after);
      await assertOwnerRemains(actor.orgId, delta, LAST_OWNER);
      const now = Runtime.use().now();
      const day = Org.localDay((await Org.get(actor.orgId)).timeZone, now);
      const result = await memberService()
        .service.transaction.write((tx: MemberTransaction) => [
          tx.member
            .patch({ orgId: actor.orgId, memberId })
            .set(change.set)
            .remove(change.remove ?? [])
            .where(
              (attributes, op) =>
                `${op.eq(attributes.status, target.status)} AND ${op.eq(attributes.role, target.role)}`,
            )
            .commit(),
          ...counterWrites(tx, actor.orgId, day, delta),
          auditWrite(tx, {
            orgId: actor.orgId,
            actorMemberId: actor.memberId,
            action: change.action,
            targetMemberId: memberId,
            details: change.details,
          }),
        ])
        .go();
      return result.canceled ? TRY_AGAIN : get(actor.orgId, memberId);
    },
    {
      attempts: MAX_ATTEMPTS,
      conflict: () =>
        Errors.conflict("member_busy", "This member was changed at the same time. Try again."),
    },
  );
}

/**
 * Admins change roles; only owners make or unmake owners; the last active owner keeps
 * the role (the owners count moves in the same transaction, under a condition).
 */
export async function changeRole(
  actor: MembershipRef,
  memberId: string,
  role: Role,
): Promise<Member> {
  const next = parseInput(Role, role);
  return applyAdminChange(actor, memberId, (admin, target) => {
    if (target.role === next) return undefined;
    assertMayTouchOwner(admin, [target.role, next]);
    return {
      action: "member.role_changed",
      details: { from: target.role, to: next },
      set: { role: next },
    };
  });
}

/** Office, unit and competence area (replaced as a whole). The audit names the fields only. */
export async function updateSegment(
  actor: MembershipRef,
  memberId: string,
  segment: SegmentType,
): Promise<Member> {
  const next = parseInput(Segment, segment);
  return applyAdminChange(actor, memberId, (_admin, target) => {
    const keys = ["office", "unit", "competenceArea"] as const;
    const fields = keys.filter((key) => target.segment[key] !== next[key]);
    if (fields.length === 0) return undefined;
    return { action: "member.segment_changed", details: { fields }, set: { segment: next } };
  });
}

/** The topics a curator may curate. */
export async function setCuratorTopics(
  actor: MembershipRef,
  memberId: string,
  topics: string[],
): Promise<Member> {
  const next = parseInput(CuratorTopics, topics);
  return applyAdminChange(actor, memberId, () => {
    return {
      action: "member.curator_topics_set",
      details: { topics: next },
      set: { curatorTopics: next },
    };
  });
}

export async function deactivate(actor: MembershipRef, memberId: string): Promise<Member> {
  return applyAdminChange(actor, memberId, (admin, target) => {
    if (target.memberId === admin.memberId) {
      throw Errors.forbidden(
        "cannot_deactivate_self",
        "You cannot deactivate yourself. Leave the organisation instead.",
      );
    }
    assertMayTouchOwner(admin, [target.role]);
    if (target.status === "deactivated") return undefined;
    if (target.status !== "active") {
      throw Errors.conflict("not_active", "Only active members can be deactivated.");
    }
    return {
      action: "member.deactivated",
      details: {},
      set: { status: "deactivated", deactivatedAt: Runtime.use().now().toISOString() },
    };
  });
}

export async function reactivate(actor: MembershipRef, memberId: string): Promise<Member> {
  return applyAdminChange(actor, memberId, (admin, target) => {
    assertMayTouchOwner(admin, [target.role]);
    if (target.status === "active") return undefined;
    if (target.status !== "deactivated") {
      throw Errors.conflict("not_deactivated", "Only deactivated members can be reactivated.");
    }
    return {
      action: "member.reactivated",
      details: {},
      set: { status: "active" },
      remove: ["deactivatedAt"],
    };
  });
}
