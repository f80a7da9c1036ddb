import { getAll, uniqueKeys } from "../dynamo";
import { Org, type PointRules, PointRules as PointRulesSchema } from "../org";
import { tallyService } from "./tally.entity";
import type { TallyRecord } from "./tally-record";

/** What the points policy needs to know of a batch before it writes, read once per attempt. */
export interface PointsState {
  /** Click points already earned per link and day: `linkDayKey(...)`. */
  linkDayClickPoints: Map<string, number>;
  /** Per link and day (same key): point-earning visitors so far, by address hash. */
  linkDayPointAddresses: Map<string, Map<string, number>>;
  /** Share points already earned: `shareAwardKey(...)`. */
  sharePointsAwarded: Set<string>;
  rules: Map<string, PointRules>;
}

export const linkDayKey = (orgId: string, linkCode: string, day: string) =>
  `${orgId}|${linkCode}|${day}`;
export const shareAwardKey = (orgId: string, memberId: string, contentId: string) =>
  `${orgId}|${memberId}|${contentId}`;

/**
 * Reads (consistently) the link-day rows of the batch's clicks (their click points and
 * point-earning addresses so far), the share awards its confirmations could repeat, and the
 * organisations' point rules.
 */
export async function readPointsState(records: TallyRecord[]): Promise<PointsState> {
  const { counter, award } = tallyService();
  const links = records.flatMap((record) =>
    record.name === "probe.sent" ? [] : [{ record, facts: record.properties }],
  );
  const linkDayKeys = uniqueKeys(
    links
      .filter(({ record }) => record.name === "link.clicked")
      .map(({ record, facts }) => ({
        orgId: record.orgId,
        dimension: "link" as const,
        key: facts.linkCode,
        day: facts.day,
      })),
    (key) => linkDayKey(key.orgId, key.key, key.day),
  );
  const awardKeys = uniqueKeys(
    links
      .filter(({ record }) => record.name !== "share.created")
      .map(({ record, facts }) => ({
        orgId: record.orgId,
        memberId: facts.memberId,
        kind: "share_points" as const,
        key: facts.contentId,
      })),
    (key) => shareAwardKey(key.orgId, key.memberId, key.key),
  );
  const orgIds = [...new Set(links.map(({ record }) => record.orgId))];
  const consistent = { consistent: true } as const;
  const [linkDays, awards, orgs] = await Promise.all([
    getAll(linkDayKeys, (keys) => counter.get(keys).go(consistent)),
    getAll(awardKeys, (keys) => award.get(keys).go(consistent)),
    Org.getMany(orgIds),
  ]);
  return {
    linkDayClickPoints: new Map(
      linkDays.map((item) => [linkDayKey(item.orgId, item.key, item.day), item.clickPoints ?? 0]),
    ),
    linkDayPointAddresses: new Map(
      linkDays.map((item) => [
        linkDayKey(item.orgId, item.key, item.day),
        visitorsByAddress(item.pointAddresses ?? []),
      ]),
    ),
    sharePointsAwarded: new Set(
      awards.map((item) => shareAwardKey(item.orgId, item.memberId, item.key)),
    ),
    rules: new Map(
      orgIds.map((orgId) => [
        orgId,
        orgs.get(orgId)?.settings.points ?? PointRulesSchema.parse({}),
      ]),
    ),
  };
}

/** "<address hash>.<n>" elements (see the counter's `pointAddresses`) counted per address. */
function visitorsByAddress(elements: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const element of elements) {
    const address = element.slice(0, element.lastIndexOf("."));
    counts.set(address, (counts.get(address) ?? 0) + 1);
  }
  return counts;
}
