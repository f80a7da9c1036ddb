import { Errors } from "../error";
import type { Member } from "../member";
import { loadActor, type MembershipRef, SYSTEM_ACTOR } from "../member";
import { Runtime } from "../runtime";
import { assertMayCurate, isAdmin } from "./access";
import { contentService, fromItem, SCHEDULE_GROUP } from "./content.entity";
import type { Info as Content } from "./content.schema";
import { publishedEvent } from "./events";
import { loadContentSettings } from "./settings";
import { type Change, mutate } from "./store";

/**
 * The change that makes an item live now, or scheduled when its publish time is ahead.
 * Going live writes `content.published` with the change (the outbox), published after it.
 */
function goLive(current: Content, actorMemberId: string, action: string): Change | undefined {
  if (current.status === "published") return undefined;
  const now = Runtime.use().now();
  if (current.expiresAt && Date.parse(current.expiresAt) <= now.getTime()) {
    throw Errors.conflict("content_expired", "This content has expired. Change its expiry first.");
  }
  if (current.publishAt && Date.parse(current.publishAt) > now.getTime()) {
    return {
      next: { ...current, status: "scheduled", awaitingApproval: false },
      audited: { actorMemberId, action, details: { scheduledFor: current.publishAt } },
    };
  }
  const publishedAt = now.toISOString();
  return {
    next: { ...current, status: "published", awaitingApproval: false, publishedAt },
    audited: { actorMemberId, action },
    event: publishedEvent(current.orgId, current.contentId, publishedAt),
  };
}

/**
 * Publishes now, or schedules for `publishAt`. When the organisation requires it, a
 * curator's publish only asks for an admin's approval: the item stays a draft.
 */
export async function publish(actorRef: MembershipRef, contentId: string): Promise<Content> {
  const actor = await loadActor(actorRef);
  const needsApproval =
    actor.role === "curator" && (await loadContentSettings(actor.orgId)).curatorsNeedApproval;
  return mutate(actor.orgId, contentId, (current) => {
    assertMayCurate(actor, current.topics);
    if (!needsApproval) return goLive(current, actor.memberId, "content.published");
    if (current.status === "published" || current.awaitingApproval) return undefined;
    return {
      next: { ...current, status: "draft", awaitingApproval: true },
      audited: { actorMemberId: actor.memberId, action: "content.submitted" },
    };
  });
}

/** Who may approve: admins; curators within their topics unless curators need approval. */
async function assertMayApprove(actor: Member.Info, topics: string[]): Promise<void> {
  if (isAdmin(actor)) return;
  if (actor.role === "curator" && (await loadContentSettings(actor.orgId)).curatorsNeedApproval) {
    throw Errors.forbidden("admin_approval_required", "Only admins can approve content.");
  }
  assertMayCurate(actor, topics);
}

/** Approves an item awaiting approval (a suggestion or a curator's publish) and publishes it. */
export async function approve(actorRef: MembershipRef, contentId: string): Promise<Content> {
  const actor = await loadActor(actorRef);
  return mutate(actor.orgId, contentId, async (current) => {
    await assertMayApprove(actor, current.topics);
    if (!current.awaitingApproval) {
      throw Errors.conflict("not_awaiting_approval", "This content is not awaiting approval.");
    }
    return goLive(current, actor.memberId, "content.approved");
  });
}

/** The scheduled items due at `now`, of one organisation or of all; one query on gsi2. */
async function dueItems(now: string, orgId?: string) {
  const query = contentService()
    .content.query.scheduled({ scheduleGroup: SCHEDULE_GROUP })
    .lte({ scheduleAt: now });
  const filtered = orgId ? query.where((a, op) => op.eq(a.orgId, orgId)) : query;
  return (await filtered.go({ pages: "all" })).data;
}

/** The organisations with a scheduled item due at `now`: the `publish-scheduled` job's units. */
export async function orgsWithDue({ now }: { now: Date }): Promise<string[]> {
  return [...new Set((await dueItems(now.toISOString())).map((item) => item.orgId))];
}

/**
 * Publishes one organisation's scheduled items whose time has come (its unit of the
 * `publish-scheduled` job). Returns the ids published; an item changed meanwhile is re-read
 * and re-decided, so two runs never publish an item twice.
 */
export async function publishDue(orgId: string): Promise<string[]> {
  const now = Runtime.use().now().toISOString();
  const published: string[] = [];
  for (const item of await dueItems(now, orgId)) {
    const { content } = fromItem(item);
    const after = await mutate(orgId, content.contentId, (current) => {
      if (current.status !== "scheduled") return undefined;
      if (current.expiresAt && current.expiresAt <= now) {
        // Expired before it was due: back to draft, out of the schedule, never live.
        return {
          next: { ...current, status: "draft" },
          audited: { actorMemberId: SYSTEM_ACTOR, action: "content.unscheduled" },
        };
      }
      return goLive(current, SYSTEM_ACTOR, "content.published");
    });
    if (after.status === "published") published.push(after.contentId);
  }
  return published;
}
