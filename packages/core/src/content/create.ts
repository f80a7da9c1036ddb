import { randomUUID } from "node:crypto";
import { assertCampaignExists } from "../campaign";
import { parseInput } from "../error";
import type { MembershipRef } from "../member";
import { loadActor } from "../member";
import { Runtime } from "../runtime";
import { assertMayCurate } from "./access";
import {
  type Info as Content,
  ContentInput,
  type ContentInput as ContentInputType,
} from "./content.schema";
import { insert } from "./store";
import { withIds } from "./texts";

/** A new draft in the actor's organisation (admins; curators within their topics). */
export async function create(actorRef: MembershipRef, input: ContentInputType): Promise<Content> {
  const fields = parseInput(ContentInput, input);
  const actor = await loadActor(actorRef);
  assertMayCurate(actor, fields.topics);
  if (fields.campaignId !== undefined) await assertCampaignExists(actor.orgId, fields.campaignId);
  const now = Runtime.use().now().toISOString();
  const content: Content = {
    ...fields,
    suggestedTexts: withIds(fields.suggestedTexts),
    orgId: actor.orgId,
    contentId: randomUUID(),
    status: "draft",
    source: actor.role === "curator" ? "curator" : "admin",
    createdBy: actor.memberId,
    awaitingApproval: false,
    createdAt: now,
    updatedAt: now,
  };
  return insert(content, { actorMemberId: actor.memberId, action: "content.created" });
}
