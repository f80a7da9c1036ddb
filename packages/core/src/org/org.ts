import { randomUUID } from "node:crypto";
import { auditWrite } from "../audit";
import { Errors, parseInput } from "../error";
import { Runtime } from "../runtime";
import { DIRECTORY, orgService } from "./org.entity";
import {
  Info as Organisation,
  OrganisationInput,
  type OrganisationInput as OrganisationInputType,
  OrganisationPatch,
  type OrganisationPatch as OrganisationPatchType,
  OrgSettings,
  type OrgSettingsPatch,
  WeeklyMailTime,
} from "./org.schema";
import { notOffered } from "./origin";

/** Who made an admin change, for the audit log (omit for operator and seeding commands). */
export interface AuditedBy {
  actorMemberId: string;
}

export async function create(input: OrganisationInputType): Promise<Organisation> {
  const { guidelines: firstGuidelines, ...fields } = parseInput(OrganisationInput, input);
  refuseUnofferedOrigin(fields.publicOrigin);
  const now = Runtime.use().now().toISOString();
  const orgId = randomUUID();
  const guidelines =
    firstGuidelines === undefined
      ? undefined
      : { version: 1, text: firstGuidelines, publishedAt: now };
  const result = await orgService()
    .service.transaction.write(({ organisation, guidelines: history, clock }) => [
      organisation
        .create({ ...fields, orgId, guidelines, createdAt: now, updatedAt: now })
        .commit(),
      clock
        .put({
          directory: DIRECTORY,
          orgId,
          timeZone: fields.timeZone,
          weeklyMail: fields.settings.weeklyMail,
        })
        .commit(),
      ...(guidelines ? [history.create({ orgId, ...guidelines }).commit()] : []),
    ])
    .go();
  if (result.canceled) throw new Error(`Could not create organisation ${orgId}`);
  return Organisation.parse({ ...fields, orgId, guidelines, createdAt: now });
}

/** An organisation may point its links only at an origin this deployment serves. */
function refuseUnofferedOrigin(origin: string | null | undefined) {
  const problem = origin ? notOffered(origin) : undefined;
  if (problem) throw Errors.invalid("invalid_input", `publicOrigin: ${problem}`);
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

/** Where an organisation is, for jobs that run at its local time, and when it wants its mail. */
export interface OrgClock {
  orgId: string;
  timeZone: string;
  weeklyMail: WeeklyMailTime;
}

/**
 * Every organisation's id and time zone, from the organisation directory (one partition,
 * one paged query): a few thousand organisations are a few hundred KB per call.
 */
export async function everyOrgClock(): Promise<OrgClock[]> {
  const { data } = await orgService()
    .clock.query.byDirectory({ directory: DIRECTORY })
    .go({ pages: "all" });
  return data.map(({ orgId, timeZone, weeklyMail }) => ({
    orgId,
    timeZone,
    weeklyMail: WeeklyMailTime.parse(weeklyMail ?? {}),
  }));
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
  const { settings: settingsPatch, publicOrigin, ...rest } = parseInput(OrganisationPatch, patch);
  refuseUnofferedOrigin(publicOrigin);
  const current = await get(orgId);
  const changes: Partial<Omit<Organisation, "orgId" | "createdAt">> = {
    ...rest,
    // null (back to the deployment's own) is kept as a present-but-undefined key.
    ...(publicOrigin !== undefined && { publicOrigin: publicOrigin ?? undefined }),
    ...(settingsPatch && { settings: mergedSettings(current.settings, settingsPatch) }),
  };
  const changed = changedValues(current, changes);
  if (Object.keys(changed).length === 0) return current;
  const { publicOrigin: _origin, ...set } = changes;
  const resetsOrigin = "publicOrigin" in changes && changes.publicOrigin === undefined;
  const now = Runtime.use().now().toISOString();
  const result = await orgService()
    .service.transaction.write((tx) => [
      (resetsOrigin
        ? tx.organisation
            .patch({ orgId })
            .set({ ...set, updatedAt: now })
            .remove(["publicOrigin"])
        : tx.organisation.patch({ orgId }).set({ ...changes, updatedAt: now })
      ).commit(),
      // The directory entry follows the time zone; written on every change, it also fills
      // in organisations made before the directory existed.
      tx.clock
        .put({
          directory: DIRECTORY,
          orgId,
          timeZone: changes.timeZone ?? current.timeZone,
          weeklyMail: (changes.settings ?? current.settings).weeklyMail,
        })
        .commit(),
      ...(audited
        ? [
            auditWrite(tx, {
              orgId,
              actorMemberId: audited.actorMemberId,
              action: "org.updated",
              details: { fields: Object.keys(changed), changes: changed },
            }),
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

/**
 * Each changed field with its value before and after (lists as what was added and removed),
 * for the audit log: where links point, which domains get click ids and which networks count
 * as internal matter for security, and an entry naming only the field could not show them.
 */
function changedValues(
  current: Organisation,
  changes: Partial<Organisation>,
): Record<string, JsonValue> {
  const changed: Record<string, JsonValue> = {};
  for (const [field, to] of Object.entries(changes)) {
    const from = current[field as keyof Organisation];
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changed[field] =
      Array.isArray(from) && Array.isArray(to)
        ? {
            added: to.filter((value) => !from.includes(value)),
            removed: from.filter((value) => !to.includes(value)),
          }
        : { from: (from ?? null) as JsonValue, to: (to ?? null) as JsonValue };
  }
  return changed;
}

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

function mergedSettings(current: OrgSettings, patch: OrgSettingsPatch): OrgSettings {
  const { points, weeklyMail, ...flags } = patch;
  return OrgSettings.parse({
    ...current,
    ...flags,
    points: { ...current.points, ...points },
    weeklyMail: { ...current.weeklyMail, ...weeklyMail },
  });
}
