import { randomUUID } from "node:crypto";
import { z } from "zod";
import { auditWrite } from "../audit/in-transaction";
import { idsInCampaign } from "../content/read";
import { Errors } from "../error";
import { parseInput } from "../error/parse-input";
import { loadAdmin } from "../member/actor";
import type { MembershipRef } from "../member/member.schema";
import { Runtime } from "../runtime";
import { Id } from "../schema";
import { Tally } from "../tally";
import { Text } from "../text";
import { type CampaignItem, type CampaignTransaction, campaignService } from "./campaign.entity";

/** Same shape as a content item's `campaignId`, so content can name a campaign. */
const CampaignId = Id;
const Day = z.iso.date();

export const Goal = z.strictObject({
  kind: z.enum(["confirmed_shares", "unique_clicks"]),
  target: z.number().int().min(1).max(100_000_000),
});
export type Goal = z.infer<typeof Goal>;

const fields = {
  name: Text.field({ max: 120, visible: true }),
  startDay: Day,
  endDay: Day,
  goal: Goal,
};

const periodInOrder = {
  check: (value: { startDay?: string; endDay?: string }) =>
    !value.startDay || !value.endDay || value.endDay >= value.startDay,
  message: { message: "The end day cannot be before the start day", path: ["endDay"] },
};

export const CampaignInput = z
  .strictObject({ ...fields, campaignId: CampaignId.optional() })
  .refine(periodInOrder.check, periodInOrder.message);
export type CampaignInput = z.input<typeof CampaignInput>;

export const CampaignPatch = z.strictObject(fields).partial();
export type CampaignPatch = z.input<typeof CampaignPatch>;

export const Campaign = z.object({
  campaignId: z.string(),
  name: z.string(),
  /** The organisation's local days, both included. */
  startDay: z.string(),
  endDay: z.string(),
  goal: Goal,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Campaign = z.infer<typeof Campaign>;

/**
 * A campaign as read: with its items, the content whose `campaignId` names it (content is
 * put in a campaign by setting that; the campaign keeps no list of its own).
 */
export const CampaignWithItems = Campaign.extend({
  /** Content ids. */
  items: z.array(z.string()),
});
export type CampaignWithItems = z.infer<typeof CampaignWithItems>;

export const Progress = z.object({
  /** Shares confirmed within the period on links made for the campaign. */
  confirmedShares: z.number(),
  /** Unique human clicks within the period on links made for the campaign. */
  uniqueClicks: z.number(),
  /** The goal's measure against its target, 0..1 (may pass 1). */
  ratio: z.number(),
});
export type Progress = z.infer<typeof Progress>;

const campaignNotFound = () =>
  Errors.notFound("campaign_not_found", "There is no such campaign in this organisation.");

function fromItem(item: CampaignItem): Campaign {
  return {
    campaignId: item.campaignId,
    name: item.name,
    startDay: item.startDay,
    endDay: item.endDay,
    goal: { kind: item.goalKind, target: item.goalTarget },
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

async function load(orgId: string, campaignId: string) {
  const parsed = CampaignId.safeParse(campaignId);
  if (!parsed.success) throw campaignNotFound();
  const { data } = await campaignService()
    .campaign.get({ orgId, campaignId: parsed.data })
    .go({ consistent: true });
  if (!data) throw campaignNotFound();
  return data;
}

function audit(tx: CampaignTransaction, orgId: string, actor: string, action: string, id: string) {
  return auditWrite(tx, { orgId, actorMemberId: actor, action, details: { campaignId: id } });
}

export async function create(
  actorRef: MembershipRef,
  input: CampaignInput,
): Promise<CampaignWithItems> {
  const actor = await loadAdmin(actorRef);
  const { campaignId = randomUUID(), goal, ...rest } = parseInput(CampaignInput, input);
  const now = Runtime.use().now().toISOString();
  const item: CampaignItem = {
    ...rest,
    orgId: actor.orgId,
    campaignId,
    goalKind: goal.kind,
    goalTarget: goal.target,
    createdAt: now,
    updatedAt: now,
    revision: 1,
  };
  const result = await campaignService()
    .service.transaction.write((tx: CampaignTransaction) => [
      tx.campaign.create(item).commit(),
      audit(tx, actor.orgId, actor.memberId, "campaign.created", campaignId),
    ])
    .go();
  if (result.canceled) {
    throw Errors.conflict("campaign_exists", "A campaign with this id already exists.");
  }
  return { ...fromItem(item), items: [] };
}

export async function update(
  actorRef: MembershipRef,
  campaignId: string,
  patch: CampaignPatch,
): Promise<CampaignWithItems> {
  const actor = await loadAdmin(actorRef);
  const changes = parseInput(CampaignPatch, patch);
  const current = await load(actor.orgId, campaignId);
  const { goal, ...rest } = changes;
  const next: CampaignItem = {
    ...current,
    ...rest,
    ...(goal ? { goalKind: goal.kind, goalTarget: goal.target } : {}),
    updatedAt: Runtime.use().now().toISOString(),
    revision: current.revision + 1,
  };
  if (!periodInOrder.check(next)) {
    throw Errors.invalid("invalid_input", "endDay: The end day cannot be before the start day");
  }
  const result = await campaignService()
    .service.transaction.write((tx: CampaignTransaction) => [
      tx.campaign
        .put(next)
        .where((attributes, op) => op.eq(attributes.revision, current.revision))
        .commit(),
      audit(tx, actor.orgId, actor.memberId, "campaign.updated", current.campaignId),
    ])
    .go();
  if (result.canceled) {
    throw Errors.conflict(
      "campaign_busy",
      "This campaign was changed at the same time. Try again.",
    );
  }
  return { ...fromItem(next), items: await idsInCampaign(actor.orgId, next.campaignId) };
}

/**
 * Progress towards the goal, from the tally's campaign rows over the period (the
 * organisation's local days): the same rows the stats report shows. A link belongs to the
 * campaign its content was in when the link was made (its URL's utm_campaign names it),
 * so moving content to another campaign moves its future links, never past counts.
 */
export async function progress(orgId: string, campaign: Campaign): Promise<Progress> {
  const rows = await Tally.countersBetween(orgId, "campaign", campaign.startDay, campaign.endDay);
  let confirmedShares = 0;
  let uniqueClicks = 0;
  for (const row of rows) {
    if (row.key !== campaign.campaignId) continue;
    confirmedShares += row.counts.sharesConfirmed;
    uniqueClicks += row.counts.uniqueClicks;
  }
  const measure = campaign.goal.kind === "confirmed_shares" ? confirmedShares : uniqueClicks;
  return { confirmedShares, uniqueClicks, ratio: measure / campaign.goal.target };
}

/** One campaign with its progress (admins). */
export async function get(
  actorRef: MembershipRef,
  campaignId: string,
): Promise<CampaignWithItems & { progress: Progress }> {
  const actor = await loadAdmin(actorRef);
  const campaign = fromItem(await load(actor.orgId, campaignId));
  const [items, reached] = await Promise.all([
    idsInCampaign(actor.orgId, campaign.campaignId),
    progress(actor.orgId, campaign),
  ]);
  return { ...campaign, items, progress: reached };
}

/** The organisation's campaigns, without items or progress (open one for those). */
export async function list(actorRef: MembershipRef): Promise<Campaign[]> {
  const actor = await loadAdmin(actorRef);
  const { data } = await campaignService()
    .campaign.query.byOrg({ orgId: actor.orgId })
    .go({ pages: "all" });
  return data.map(fromItem);
}
