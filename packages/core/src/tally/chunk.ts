import { BADGES, badgesCrossed } from "./badges";
import {
  type BatchState,
  linkDayKey,
  memberKey,
  type PartitionState,
  shareAwardKey,
} from "./batch-state";
import { type Dimension, ORG_KEY, SEGMENT_FIELDS, segmentKey } from "./dimensions";
import { addCounts, type Counts, emptyCounts, METRICS } from "./metrics";
import { type Period, periodsOf } from "./periods";
import type { LinkFacts, TallyRecord } from "./tally-record";

export interface CounterRow {
  orgId: string;
  dimension: Dimension;
  key: string;
  day: string;
  counts: Counts;
}

export interface MemberTotalRow {
  orgId: string;
  period: Period;
  memberId: string;
  counts: Counts;
  /** For the "all" row: the revision read, which the write is conditioned on. */
  revisionBefore?: number | "absent";
}

export interface PartitionRow {
  partition: string;
  orgId: string;
  lastSequence: string;
  /** The checkpoint read; the write is conditioned on it. */
  sequenceBefore: string | undefined;
  confirmed: boolean;
  counts: Counts;
}

export interface AwardRow {
  orgId: string;
  memberId: string;
  kind: "share_points" | "badge";
  key: string;
  eventId: string;
  awardedAt: string;
}

/**
 * Point-earning visitors tracked by address per link and day: with the default rules (20
 * click points a day) a link row holds at most 20 elements (about 0.5 KB). Only a daily cap
 * raised above this many visitors reaches it; visitors past it earn under the daily cap
 * alone, so the row stays far below DynamoDB's item limit and cheap to write.
 */
const MAX_POINT_ADDRESSES_PER_LINK_DAY = 1_000;

const counterId = (orgId: string, dimension: Dimension, key: string, day: string) =>
  `${orgId}|${dimension}|${key}|${day}`;

/** A transaction holds at most 100 items; a record touches at most this many. */
const MAX_ITEMS_PER_RECORD = 9 + 3 + 1 + 1 + BADGES.length;
export const MAX_TRANSACTION_ITEMS = 100;

/**
 * The writes of consecutive records, aggregated: every row a record touches gets the record's
 * counts added, so a hundred clicks on one content item on one day are one counter write.
 * Applying a record also moves the batch state on (confirmations, caps, awards), so the next
 * record of the same link sees it.
 */
export class Chunk {
  readonly counters = new Map<string, CounterRow>();
  readonly memberTotals = new Map<string, MemberTotalRow>();
  readonly partitions = new Map<string, PartitionRow>();
  readonly awards = new Map<string, AwardRow>();
  /** Elements to add to a link row's `pointAddresses`, by counter id. */
  readonly pointAddresses = new Map<string, string[]>();
  /** Links whose share the tally confirmed on their first unique human click. */
  readonly confirmedByClick = new Set<string>();
  records = 0;

  constructor(
    private readonly state: BatchState,
    private readonly now: string,
  ) {}

  get itemCount(): number {
    return this.counters.size + this.memberTotals.size + this.partitions.size + this.awards.size;
  }

  /** Whether the record's writes are sure to fit in this chunk's transaction. */
  hasRoomFor(): boolean {
    return this.itemCount + MAX_ITEMS_PER_RECORD <= MAX_TRANSACTION_ITEMS;
  }

  add(record: TallyRecord): void {
    this.records++;
    const counts = emptyCounts();
    const partition = this.partitionState(record.partition);
    if (record.name === "probe.sent") {
      counts.probes = 1;
      this.addCounter(record.orgId, "org", ORG_KEY, record.occurredAt.slice(0, 10), counts);
    } else {
      const facts = record.properties;
      if (record.name === "share.created") counts.sharesIntended = 1;
      if (record.name === "share.confirmed" && !partition.confirmed) {
        this.confirm(record, facts, partition, counts);
      }
      if (record.name === "link.clicked") {
        counts.rawClicks = 1;
        counts[`${record.properties.class}Clicks`] = 1;
        if (record.properties.class === "human" && record.properties.unique) {
          counts.uniqueClicks = 1;
          counts.clickPoints = this.clickPoints(record.orgId, facts, record.properties.addressHash);
          if (!partition.confirmed) {
            this.confirm(record, facts, partition, counts);
            this.confirmedByClick.add(facts.linkCode);
          }
        }
      }
      if (METRICS.some((metric) => counts[metric] !== 0)) {
        this.addLinkRows(record, facts, counts);
      }
    }
    this.moveCheckpoint(record, partition, counts);
  }

  /** After this chunk's transaction: its checkpoints and revisions are now the stored ones. */
  markCommitted(): void {
    for (const row of this.partitions.values()) {
      this.partitionState(row.partition).committedSequence = row.lastSequence;
    }
    for (const row of this.memberTotals.values()) {
      if (row.period !== "all") continue;
      const state = this.state.memberAll.get(memberKey(row.orgId, row.memberId));
      if (state) state.committedRevision = (state.committedRevision ?? 0) + 1;
    }
  }

  private rules(orgId: string) {
    const rules = this.state.rules.get(orgId);
    if (!rules) throw new Error(`No point rules read for organisation ${orgId}`);
    return rules;
  }

  /**
   * A unique human click's points: within the link's daily cap, and only while its address
   * has had fewer point-earning visitors on the link that day than the rules allow (rotating
   * User-Agents makes new visitors, not new addresses). A click that earns points uses up a
   * share of both caps; one that earns none, of neither.
   */
  private clickPoints(orgId: string, facts: LinkFacts, addressHash: string | undefined): number {
    const rules = this.rules(orgId);
    const key = linkDayKey(orgId, facts.linkCode, facts.day);
    const earned = this.state.linkDayClickPoints.get(key) ?? 0;
    const addresses = this.state.linkDayPointAddresses.get(key) ?? new Map<string, number>();
    this.state.linkDayPointAddresses.set(key, addresses);
    const fromAddress = addressHash === undefined ? 0 : (addresses.get(addressHash) ?? 0);
    if (fromAddress >= rules.maxPointVisitorsPerAddressPerLinkPerDay) return 0;
    const points = Math.max(
      0,
      Math.min(rules.perUniqueHumanClick, rules.maxClickPointsPerLinkPerDay - earned),
    );
    if (points === 0) return 0;
    this.state.linkDayClickPoints.set(key, earned + points);
    const tracked = [...addresses.values()].reduce((sum, count) => sum + count, 0);
    if (addressHash !== undefined && tracked < MAX_POINT_ADDRESSES_PER_LINK_DAY) {
      addresses.set(addressHash, fromAddress + 1);
      const id = counterId(orgId, "link", facts.linkCode, facts.day);
      this.pointAddresses.set(id, [
        ...(this.pointAddresses.get(id) ?? []),
        `${addressHash}.${fromAddress + 1}`,
      ]);
    }
    return points;
  }

  private partitionState(partition: string): PartitionState {
    let found = this.state.partitions.get(partition);
    if (!found) {
      found = { confirmed: false };
      this.state.partitions.set(partition, found);
    }
    return found;
  }

  /** Counts a share as confirmed, once per link; share points once per member and content. */
  private confirm(
    record: TallyRecord,
    facts: LinkFacts,
    partition: PartitionState,
    counts: Counts,
  ): void {
    partition.confirmed = true;
    counts.sharesConfirmed = 1;
    counts.potentialReach = facts.context.networkSize;
    const awardKey = shareAwardKey(record.orgId, facts.memberId, facts.contentId);
    if (this.state.sharePointsAwarded.has(awardKey)) return;
    this.state.sharePointsAwarded.add(awardKey);
    counts.sharePoints = this.rules(record.orgId).perConfirmedShare;
    this.awards.set(`share|${awardKey}`, {
      orgId: record.orgId,
      memberId: facts.memberId,
      kind: "share_points",
      key: facts.contentId,
      eventId: record.eventId,
      awardedAt: this.now,
    });
  }

  private addLinkRows(record: TallyRecord, facts: LinkFacts, counts: Counts): void {
    const { orgId } = record;
    const { day } = facts;
    this.addCounter(orgId, "org", ORG_KEY, day, counts);
    this.addCounter(orgId, "content", facts.contentId, day, counts);
    this.addCounter(orgId, "member", facts.memberId, day, counts);
    this.addCounter(orgId, "channel", facts.channel, day, counts);
    this.addCounter(orgId, "link", facts.linkCode, day, counts);
    if (facts.context.campaignId) {
      this.addCounter(orgId, "campaign", facts.context.campaignId, day, counts);
    }
    for (const field of SEGMENT_FIELDS) {
      const value = facts.context.segment[field];
      if (value) this.addCounter(orgId, "segment", segmentKey(field, value), day, counts);
    }
    for (const period of periodsOf(day)) {
      const key = `${orgId}|${period}|${facts.memberId}`;
      const row = this.memberTotals.get(key) ?? {
        orgId,
        period,
        memberId: facts.memberId,
        counts: emptyCounts(),
      };
      addCounts(row.counts, counts);
      this.memberTotals.set(key, row);
      if (period === "all") this.trackAllTime(record, facts.memberId, row, counts);
    }
  }

  /** The "all" row is written under its revision, and its totals decide badges. */
  private trackAllTime(
    record: TallyRecord,
    memberId: string,
    row: MemberTotalRow,
    counts: Counts,
  ): void {
    const key = memberKey(record.orgId, memberId);
    const state = this.state.memberAll.get(key) ?? { counts: emptyCounts() };
    this.state.memberAll.set(key, state);
    row.revisionBefore ??= state.committedRevision ?? "absent";
    const before = { ...state.counts };
    addCounts(state.counts, counts);
    for (const badge of badgesCrossed(before, state.counts)) {
      this.awards.set(`badge|${key}|${badge}`, {
        orgId: record.orgId,
        memberId,
        kind: "badge",
        key: badge,
        eventId: record.eventId,
        awardedAt: this.now,
      });
    }
  }

  private addCounter(
    orgId: string,
    dimension: Dimension,
    key: string,
    day: string,
    counts: Counts,
  ): void {
    const id = counterId(orgId, dimension, key, day);
    const row = this.counters.get(id) ?? { orgId, dimension, key, day, counts: emptyCounts() };
    addCounts(row.counts, counts);
    this.counters.set(id, row);
  }

  private moveCheckpoint(record: TallyRecord, partition: PartitionState, counts: Counts): void {
    const row = this.partitions.get(record.partition) ?? {
      partition: record.partition,
      orgId: record.orgId,
      lastSequence: record.sequenceNumber,
      sequenceBefore: partition.committedSequence,
      confirmed: partition.confirmed,
      counts: emptyCounts(),
    };
    row.lastSequence = record.sequenceNumber;
    row.confirmed = partition.confirmed;
    addCounts(row.counts, counts);
    this.partitions.set(record.partition, row);
  }
}
