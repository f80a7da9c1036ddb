import { Org, type PointRules } from "../org";
import { PointRules as PointRulesSchema } from "../org/org.schema";
import { getAll } from "./batch-get";
import { type Counts, countsOf } from "./metrics";
import { tallyService } from "./tally.entity";
import type { TallyRecord } from "./tally-record";

export interface PartitionState {
  /** The last applied sequence number as stored (the condition of the next write). */
  committedSequence?: string;
  confirmed: boolean;
}

export interface MemberAllState {
  /** The "all" row's revision as stored; undefined when the row does not exist yet. */
  committedRevision?: number;
  counts: Counts;
}

/** What applying a batch needs to know before it writes, read once (consistently) per attempt. */
export interface BatchState {
  partitions: Map<string, PartitionState>;
  /** Click points already earned per link and day: `${orgId}|${linkCode}|${day}`. */
  linkDayClickPoints: Map<string, number>;
  /** Per link and day (same key): point-earning visitors so far, by address hash. */
  linkDayPointAddresses: Map<string, Map<string, number>>;
  /** Share points already earned: `${orgId}|${memberId}|${contentId}`. */
  sharePointsAwarded: Set<string>;
  /** Members' all-time totals: `${orgId}|${memberId}`. */
  memberAll: Map<string, MemberAllState>;
  rules: Map<string, PointRules>;
}

export const linkDayKey = (orgId: string, linkCode: string, day: string) =>
  `${orgId}|${linkCode}|${day}`;
export const memberKey = (orgId: string, memberId: string) => `${orgId}|${memberId}`;
export const shareAwardKey = (orgId: string, memberId: string, contentId: string) =>
  `${orgId}|${memberId}|${contentId}`;

const unique = <T>(values: T[], keyOf: (value: T) => string) => [
  ...new Map(values.map((value) => [keyOf(value), value])).values(),
];

export async function readBatchState(records: TallyRecord[]): Promise<BatchState> {
  const { partitionTally, counter, award, memberTotal } = tallyService();
  const links = records.flatMap((record) =>
    record.name === "probe.sent" ? [] : [{ record, facts: record.properties }],
  );

  const partitionKeys = unique(
    records.map((record) => ({ partition: record.partition })),
    (key) => key.partition,
  );
  const linkDayKeys = unique(
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
  const awardKeys = unique(
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
  const memberKeys = unique(
    links.map(({ record, facts }) => ({
      orgId: record.orgId,
      period: "all",
      memberId: facts.memberId,
    })),
    (key) => memberKey(key.orgId, key.memberId),
  );
  const consistent = { consistent: true } as const;
  const [partitions, linkDays, awards, members, orgs] = await Promise.all([
    getAll(partitionKeys, (keys) => partitionTally.get(keys).go(consistent)),
    getAll(linkDayKeys, (keys) => counter.get(keys).go(consistent)),
    getAll(awardKeys, (keys) => award.get(keys).go(consistent)),
    getAll(memberKeys, (keys) => memberTotal.get(keys).go(consistent)),
    Org.getMany([...new Set(links.map(({ record }) => record.orgId))]),
  ]);

  return {
    partitions: new Map(
      partitions.map((item) => [
        item.partition,
        { committedSequence: item.lastSequence, confirmed: item.confirmed === true },
      ]),
    ),
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
    memberAll: new Map(
      members.map((item) => [
        memberKey(item.orgId, item.memberId),
        {
          ...(item.revision === undefined ? {} : { committedRevision: item.revision }),
          counts: countsOf(item),
        },
      ]),
    ),
    rules: new Map(
      [...new Set(links.map(({ record }) => record.orgId))].map((orgId) => [
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
