import { getAll, uniqueKeys } from "../dynamo";
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

/**
 * What counting a batch needs to know before it writes, read once (consistently) per
 * attempt: each partition's checkpoint and whether its link is confirmed, and the members'
 * all-time totals with their revisions. Consumers read their own (see consumer.ts).
 */
export interface BatchState {
  partitions: Map<string, PartitionState>;
  /** Members' all-time totals: `${orgId}|${memberId}`. */
  memberAll: Map<string, MemberAllState>;
}

export const memberKey = (orgId: string, memberId: string) => `${orgId}|${memberId}`;

export async function readBatchState(records: TallyRecord[]): Promise<BatchState> {
  const { partitionTally, memberTotal } = tallyService();
  const partitionKeys = uniqueKeys(
    records.map((record) => ({ partition: record.partition })),
    (key) => key.partition,
  );
  const memberKeys = uniqueKeys(
    records.flatMap((record) =>
      record.name === "probe.sent"
        ? []
        : [{ orgId: record.orgId, period: "all", memberId: record.properties.memberId }],
    ),
    (key) => memberKey(key.orgId, key.memberId),
  );
  const consistent = { consistent: true } as const;
  const [partitions, members] = await Promise.all([
    getAll(partitionKeys, (keys) => partitionTally.get(keys).go(consistent)),
    getAll(memberKeys, (keys) => memberTotal.get(keys).go(consistent)),
  ]);
  return {
    partitions: new Map(
      partitions.map((item) => [
        item.partition,
        { committedSequence: item.lastSequence, confirmed: item.confirmed === true },
      ]),
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
  };
}
