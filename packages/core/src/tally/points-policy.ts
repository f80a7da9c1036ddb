import { BADGES, badgesCrossed } from "./badges";
import { memberKey } from "./batch-state";
import type { ConsumerChunk, CountedRecord, TallyConsumer } from "./consumer";
import { counterId } from "./counting";
import { addCounts } from "./metrics";
import {
  linkDayKey,
  type PointsState,
  readPointsState,
  shareAwardKey,
} from "./points-policy-state";
import type { CounterSetAdditions, TallyTransaction, TallyWriteItem } from "./tally.entity";

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

/**
 * A record moves a badge's metric by at most 1 (one confirmation, one unique click) and a
 * metric's thresholds differ, so it crosses at most one badge per metric
 * (points-policy.test.ts holds the counting core to that).
 */
const MOST_BADGES_PER_RECORD = new Set(BADGES.map((badge) => badge.metric)).size;

/**
 * The points policy, applied to what the counting core counted: share points on a share's
 * confirmation (once per member and content item, however many channels), click points per
 * unique human click within the link's daily cap and the per-address cap, and badges when a
 * member's all-time total crosses one. Points are metrics of their own (`sharePoints`,
 * `clickPoints`) on the same rows; awards are conditional creates, so two batches racing
 * cannot award twice.
 */
export class PointsPolicyChunk implements ConsumerChunk {
  readonly awards = new Map<string, AwardRow>();
  /** Elements to add to a link row's `pointAddresses`, by counter id. */
  readonly pointAddresses = new Map<string, string[]>();

  constructor(
    private readonly state: PointsState,
    private readonly now: string,
  ) {}

  get itemCount(): number {
    return this.awards.size;
  }

  add({ record, counted, deltas, allTimeBefore }: CountedRecord): void {
    if (record.name === "probe.sent") return;
    const facts = record.properties;
    if (counted.deltas.sharesConfirmed > 0) {
      const awardKey = shareAwardKey(record.orgId, facts.memberId, facts.contentId);
      if (!this.state.sharePointsAwarded.has(awardKey)) {
        this.state.sharePointsAwarded.add(awardKey);
        deltas.sharePoints += this.rules(record.orgId).perConfirmedShare;
        this.award(`share|${awardKey}`, record, facts.memberId, "share_points", facts.contentId);
      }
    }
    if (record.name === "link.clicked" && counted.deltas.uniqueClicks > 0) {
      deltas.clickPoints += this.clickPoints(
        record.orgId,
        facts.linkCode,
        facts.day,
        record.properties.addressHash,
      );
    }
    if (allTimeBefore) {
      const after = addCounts({ ...allTimeBefore }, deltas);
      for (const badge of badgesCrossed(allTimeBefore, after)) {
        const key = `badge|${memberKey(record.orgId, facts.memberId)}|${badge}`;
        this.award(key, record, facts.memberId, "badge", badge);
      }
    }
  }

  counterAdditions(rowId: string): CounterSetAdditions | undefined {
    const pointAddresses = this.pointAddresses.get(rowId);
    return pointAddresses ? { pointAddresses } : undefined;
  }

  items(tx: TallyTransaction): TallyWriteItem[] {
    return [...this.awards.values()].map((row) => tx.award.create(row).commit());
  }

  private rules(orgId: string) {
    const rules = this.state.rules.get(orgId);
    if (!rules) throw new Error(`No point rules read for organisation ${orgId}`);
    return rules;
  }

  private award(
    id: string,
    record: { orgId: string; eventId: string },
    memberId: string,
    kind: AwardRow["kind"],
    key: string,
  ): void {
    this.awards.set(id, {
      orgId: record.orgId,
      memberId,
      kind,
      key,
      eventId: record.eventId,
      awardedAt: this.now,
    });
  }

  /**
   * A unique human click's points: within the link's daily cap, and only while its address
   * has had fewer point-earning visitors on the link that day than the rules allow (rotating
   * User-Agents makes new visitors, not new addresses). A click that earns points uses up a
   * share of both caps; one that earns none, of neither.
   */
  private clickPoints(
    orgId: string,
    linkCode: string,
    day: string,
    addressHash: string | undefined,
  ): number {
    const rules = this.rules(orgId);
    const key = linkDayKey(orgId, linkCode, day);
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
      const id = counterId({ orgId, dimension: "link", key: linkCode, day });
      this.pointAddresses.set(id, [
        ...(this.pointAddresses.get(id) ?? []),
        `${addressHash}.${fromAddress + 1}`,
      ]);
    }
    return points;
  }
}

export const pointsPolicy: TallyConsumer = {
  name: "points",
  // A share award and the badges.
  maxItemsPerRecord: 1 + MOST_BADGES_PER_RECORD,
  async prepare(records) {
    const state = await readPointsState(records);
    return { chunk: (now) => new PointsPolicyChunk(state, now) };
  },
};
