import { randomUUID } from "node:crypto";
import { z } from "zod";
import { auditItem } from "../audit/audit";
import { get as getContent } from "../content/read";
import { Errors } from "../error";
import { parseInput } from "../error/parse-input";
import { loadAdmin } from "../member/actor";
import type { MembershipRef } from "../member/member.schema";
import { Org } from "../org";
import { localDay } from "../org/local-day";
import { Runtime } from "../runtime";
import { linksOfContent } from "../share/links";
import { Tally } from "../tally";
import { type CampaignItem, type CampaignTransaction, campaignService } from "./campaign.entity";

/** Same shape as a content item's `campaignId`, so content can name a campaign. */
const CampaignId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a valid id");
const Day = z.iso.date();

export const Goal = z.strictObject({
  kind: z.enum(["confirmed_shares", "unique_clicks"]),
  target: z.number().int().min(1).max(100_000_000),
});
export type Goal = z.infer<typeof Goal>;

const Items = z
  .array(z.string().min(1).max(64))
  .max(100)
  .transform((items) => [...new Set(items)]);

const fields = {
  name: z.string().trim().min(1).max(120),
  startDay: Day,
  endDay: Day,
  goal: Goal,
  items: Items,
};

const periodInOrder = {
  check: (value: { startDay?: string; endDay?: string }) =>
    !value.startDay || !value.endDay || value.endDay >= value.startDay,
  message: { message: "The end day cannot be before the start day", path: ["endDay"] },
};

export const CampaignInput = z
  .strictObject({ ...fields, campaignId: CampaignId.optional(), items: Items.default([]) })
  .refine(periodInOrder.check, periodInOrder.message);
export type CampaignInput = z.input<typeof CampaignInput>;

export const CampaignPatch = z.strictObject(fields).partial();
export type CampaignPatch = z.input<typeof CampaignPatch>;

export interface Campaign {
  campaignId: string;
  name: string;
  /** The organisation's local days, both included. */
  startDay: string;
  endDay: string;
  goal: Goal;
  /** Content ids. */
  items: string[];
  createdAt: string;
  updatedAt: string;
}

export interface Progress {
  /** Confirmed shares (links) of the campaign's items, confirmed within the period. */
  confirmedShares: number;
  /** Unique human clicks on the campaign's items within the period. */
  uniqueClicks: number;
  /** The goal's measure against its target, 0..1 (may pass 1). */
  ratio: number;
}

const campaignNotFound = () =>
  Errors.notFound("campaign_not_found", "There is no such campaign in this organisation.");

function fromItem(item: CampaignItem): Campaign {
  return {
    campaignId: item.campaignId,
    name: item.name,
    startDay: item.startDay,
    endDay: item.endDay,
    goal: { kind: item.goalKind, target: item.goalTarget },
    items: item.items,
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

/** Every item must be content of this organisation (another's is simply unknown). */
async function assertItemsExist(orgId: string, items: string[]): Promise<void> {
  for (const contentId of items) {
    try {
      await getContent(orgId, contentId);
    } catch {
      throw Errors.invalid("unknown_content", `items: there is no content ${contentId}.`);
    }
  }
}

function audit(tx: CampaignTransaction, orgId: string, actor: string, action: string, id: string) {
  return tx.audit
    .create(auditItem({ orgId, actorMemberId: actor, action, details: { campaignId: id } }))
    .commit();
}

export async function create(actorRef: MembershipRef, input: CampaignInput): Promise<Campaign> {
  const actor = await loadAdmin(actorRef);
  const { campaignId = randomUUID(), goal, ...rest } = parseInput(CampaignInput, input);
  await assertItemsExist(actor.orgId, rest.items);
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
  return fromItem(item);
}

export async function update(
  actorRef: MembershipRef,
  campaignId: string,
  patch: CampaignPatch,
): Promise<Campaign> {
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
  if (rest.items) await assertItemsExist(actor.orgId, rest.items);
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
  return fromItem(next);
}

/**
 * Progress towards the goal: confirmed shares of the campaign's items whose confirmation
 * falls in the period (the organisation's local days), read from the items' share links
 * (gsi1, eventually consistent), and the items' unique human clicks on those days, from
 * the tally's content rows. Both follow the campaign's items rather than the tally's
 * campaign rows: those follow the content's own `campaignId`, and an item can be in
 * several campaigns.
 */
export async function progress(orgId: string, campaign: Campaign): Promise<Progress> {
  const org = await Org.get(orgId);
  const items = new Set(campaign.items);
  const [perItem, contentDays] = await Promise.all([
    Promise.all(campaign.items.map((id) => linksOfContent(orgId, id))),
    items.size === 0
      ? Promise.resolve([])
      : Tally.countersBetween(orgId, "content", campaign.startDay, campaign.endDay),
  ]);
  const confirmedShares = perItem.flat().filter((link) => {
    if (!link.confirmedAt) return false;
    const day = localDay(org.timeZone, new Date(link.confirmedAt));
    return day >= campaign.startDay && day <= campaign.endDay;
  }).length;
  const uniqueClicks = contentDays
    .filter((row) => items.has(row.key))
    .reduce((sum, row) => sum + row.counts.uniqueClicks, 0);
  const measure = campaign.goal.kind === "confirmed_shares" ? confirmedShares : uniqueClicks;
  return { confirmedShares, uniqueClicks, ratio: measure / campaign.goal.target };
}

/** One campaign with its progress (admins). */
export async function get(
  actorRef: MembershipRef,
  campaignId: string,
): Promise<Campaign & { progress: Progress }> {
  const actor = await loadAdmin(actorRef);
  const campaign = fromItem(await load(actor.orgId, campaignId));
  return { ...campaign, progress: await progress(actor.orgId, campaign) };
}

/** The organisation's campaigns, without progress (one query; open one for its progress). */
export async function list(actorRef: MembershipRef): Promise<Campaign[]> {
  const actor = await loadAdmin(actorRef);
  const { data } = await campaignService()
    .campaign.query.byOrg({ orgId: actor.orgId })
    .go({ pages: "all" });
  return data.map(fromItem);
}
