import { randomUUID } from "node:crypto";
import { z } from "zod";
import { auditWrite } from "../audit";
import { idsInCampaign } from "../content";
import { Errors, parseInput } from "../error";
import type { MembershipRef } from "../member";
import { loadActor, loadAdmin } from "../member";
import { Runtime } from "../runtime";
import { type CampaignItem, type CampaignTransaction, campaignService } from "./campaign.entity";
import { CampaignId, CampaignInput, CampaignPatch, Info, periodInOrder } from "./campaign.schema";

export * from "./campaign.schema";

/**
 * A campaign as read: with its items, the content whose `campaignId` names it (content is
 * put in a campaign by setting that; the campaign keeps no list of its own).
 */
export const CampaignWithItems = Info.extend({
  /** Content ids. */
  items: z.array(z.string()),
});
export type CampaignWithItems = z.infer<typeof CampaignWithItems>;

const campaignNotFound = () =>
  Errors.notFound("campaign_not_found", "There is no such campaign in this organisation.");

function fromItem(item: CampaignItem): Info {
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

/** One campaign with its items (admins); its progress is a report (`Stats.campaignProgress`). */
export async function get(actorRef: MembershipRef, campaignId: string): Promise<CampaignWithItems> {
  const actor = await loadAdmin(actorRef);
  const campaign = fromItem(await load(actor.orgId, campaignId));
  return { ...campaign, items: await idsInCampaign(actor.orgId, campaign.campaignId) };
}

async function ofOrganisation(orgId: string): Promise<Info[]> {
  const { data } = await campaignService().campaign.query.byOrg({ orgId }).go({ pages: "all" });
  return data.map(fromItem);
}

/** The organisation's campaigns, without items or progress (open one for those). */
export async function list(actorRef: MembershipRef): Promise<Info[]> {
  const actor = await loadAdmin(actorRef);
  return ofOrganisation(actor.orgId);
}

/**
 * The campaigns running on `day` (an organisation's local day, within startDay..endDay),
 * for any active member: the hub shows them to rally members, so no admin is needed.
 */
export async function runningOn(actorRef: MembershipRef, day: string): Promise<Info[]> {
  const actor = await loadActor(actorRef);
  const campaigns = await ofOrganisation(actor.orgId);
  return campaigns.filter((campaign) => campaign.startDay <= day && day <= campaign.endDay);
}
