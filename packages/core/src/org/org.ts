import { randomUUID } from "node:crypto";
import { auditItem } from "../audit/audit";
import { Errors } from "../error";
import { parseInput } from "../error/parse-input";
import { Runtime } from "../runtime";
import { orgService } from "./org.entity";
import {
  Organisation,
  OrganisationInput,
  type OrganisationInput as OrganisationInputType,
  OrganisationPatch,
  type OrganisationPatch as OrganisationPatchType,
  OrgSettings,
  type OrgSettingsPatch,
} from "./org.schema";

/** Who made an admin change, for the audit log (omit for operator and seeding commands). */
export interface AuditedBy {
  actorMemberId: string;
}

export async function create(input: OrganisationInputType): Promise<Organisation> {
  const { guidelines: firstGuidelines, ...fields } = parseInput(OrganisationInput, input);
  const now = Runtime.use().now().toISOString();
  const orgId = randomUUID();
  const guidelines =
    firstGuidelines === undefined
      ? undefined
      : { version: 1, text: firstGuidelines, publishedAt: now };
  const result = await orgService()
    .service.transaction.write(({ organisation, guidelines: history }) => [
      organisation
        .create({ ...fields, orgId, guidelines, createdAt: now, updatedAt: now })
        .commit(),
      ...(guidelines ? [history.create({ orgId, ...guidelines }).commit()] : []),
    ])
    .go();
  if (result.canceled) throw new Error(`Could not create organisation ${orgId}`);
  return Organisation.parse({ ...fields, orgId, guidelines, createdAt: now });
}

export async function get(orgId: string): Promise<Organisation> {
  const found = await find(orgId);
  if (!found) throw Errors.notFound("org_not_found", "This organisation does not exist.");
  return found;
}

/** Like `get`, without throwing; for reads that batch or tolerate absence. */
export async function find(orgId: string): Promise<Organisation | undefined> {
  const { data } = await orgService().organisation.get({ orgId }).go({ consistent: true });
  return data ? Organisation.parse(data) : undefined;
}

export async function getMany(orgIds: string[]): Promise<Map<string, Organisation>> {
  const unique = [...new Set(orgIds)];
  if (unique.length === 0) return new Map();
  const { data } = await orgService()
    .organisation.get(unique.map((orgId) => ({ orgId })))
    .go({ consistent: true });
  return new Map(data.map((item) => [item.orgId, Organisation.parse(item)]));
}

export async function update(
  orgId: string,
  patch: OrganisationPatchType,
  audited?: AuditedBy,
): Promise<Organisation> {
  const { settings: settingsPatch, ...rest } = parseInput(OrganisationPatch, patch);
  const fields = Object.keys(settingsPatch ? { ...rest, settings: true } : rest);
  if (fields.length === 0) return get(orgId);
  const changes = settingsPatch
    ? { ...rest, settings: mergedSettings((await get(orgId)).settings, settingsPatch) }
    : rest;
  const now = Runtime.use().now().toISOString();
  const result = await orgService()
    .service.transaction.write(({ organisation, audit }) => [
      organisation
        .patch({ orgId })
        .set({ ...changes, updatedAt: now })
        .commit(),
      ...(audited
        ? [
            audit
              .create(
                auditItem({
                  orgId,
                  actorMemberId: audited.actorMemberId,
                  action: "org.updated",
                  details: { fields },
                }),
              )
              .commit(),
          ]
        : []),
    ])
    .go();
  if (result.canceled) {
    if (result.data[0]?.code === "ConditionalCheckFailed") {
      throw Errors.notFound("org_not_found", "This organisation does not exist.");
    }
    throw Errors.conflict("org_busy", "The organisation was changed at the same time. Try again.");
  }
  return get(orgId);
}

function mergedSettings(current: OrgSettings, patch: OrgSettingsPatch): OrgSettings {
  const { points, ...flags } = patch;
  return OrgSettings.parse({ ...current, ...flags, points: { ...current.points, ...points } });
}
