import { randomUUID } from "node:crypto";
import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { type BatchState, memberKey } from "./batch-state";
import { Chunk, CORE_ITEMS_PER_RECORD, MAX_TRANSACTION_ITEMS } from "./chunk";
import type { ConsumerChunk, CountedRecord } from "./consumer";
import { MAX_ITEMS_PER_RECORD, TALLY_CONSUMERS } from "./consumers";
import { emptyCounts } from "./metrics";
import { TestLink } from "./test-support";

const DAY = "2026-11-28";
const NOW = "2026-11-28T10:00:00.000Z";

/** A link with every fact a dimension keys on: a campaign and every segment field. */
const linkEverywhere = (orgId: string) =>
  new TestLink(orgId, "m1", "c1", "linkedin", {
    segment: { office: "Malmö", unit: "Sales", competenceArea: "Cloud" },
    networkSize: 300,
    campaignId: "spring",
  });

/** A member one confirmed share and one unique reader short of the next badges. */
const nearBadges = (orgId: string): BatchState => ({
  partitions: new Map(),
  memberAll: new Map([
    [
      memberKey(orgId, "m1"),
      { committedRevision: 7, counts: { ...emptyCounts(), sharesConfirmed: 9, uniqueClicks: 99 } },
    ],
  ]),
});

/** A consumer that writes `items` items per record and remembers the deltas it saw. */
function fakeConsumer(items: number) {
  const seen: CountedRecord[] = [];
  let count = 0;
  const chunk: ConsumerChunk = {
    add: (record) => {
      seen.push({ ...record, deltas: { ...record.deltas } });
      count += items;
    },
    get itemCount() {
      return count;
    },
    counterAdditions: () => undefined,
    items: () => [],
  };
  return { chunk, seen };
}

describe("a tally chunk's bound on what one record writes", () => {
  beforeAll(() => provideTestRuntime());

  it("is exactly what a record touching every dimension and every policy write writes", async () => {
    const orgId = `org-${randomUUID()}`;
    // The link's first unique human click: it confirms the share (share points, the member's
    // tenth share) and is the member's hundredth reader, on rows of every dimension.
    const record = linkEverywhere(orgId).click(DAY, "human");
    const consumers = await Promise.all(TALLY_CONSUMERS.map((c) => c.prepare([record])));
    const chunk = new Chunk(
      nearBadges(orgId),
      consumers.map((consumer) => consumer.chunk(NOW)),
      MAX_ITEMS_PER_RECORD,
    );
    chunk.add(record);
    expect(chunk.itemCount).toBe(MAX_ITEMS_PER_RECORD);
  });

  it("fits in one DynamoDB transaction", () => {
    expect(MAX_ITEMS_PER_RECORD).toBeLessThanOrEqual(MAX_TRANSACTION_ITEMS);
  });

  it("fails a record that writes more than the consumers declared, rather than overfill a transaction", () => {
    const orgId = `org-${randomUUID()}`;
    const overreaching = fakeConsumer(1);
    const chunk = new Chunk(nearBadges(orgId), [overreaching.chunk], CORE_ITEMS_PER_RECORD);
    expect(() => chunk.add(linkEverywhere(orgId).created(DAY))).toThrow(/more than/);
  });
});

describe("consumers of a tally chunk", () => {
  it("each see the record, the counting core's deltas and what earlier consumers added", () => {
    const orgId = `org-${randomUUID()}`;
    const first = fakeConsumer(0);
    const adding: ConsumerChunk = {
      ...first.chunk,
      add: (record) => {
        first.chunk.add(record);
        record.deltas.sharePoints += 2;
      },
    };
    const second = fakeConsumer(1);
    const chunk = new Chunk(nearBadges(orgId), [adding, second.chunk], CORE_ITEMS_PER_RECORD + 1);
    const record = linkEverywhere(orgId).confirmed(DAY);
    chunk.add(record);

    expect(first.seen[0]?.deltas).toMatchObject({ sharesConfirmed: 1, sharePoints: 0 });
    expect(second.seen[0]).toMatchObject({
      record,
      deltas: { sharesConfirmed: 1, sharePoints: 2 },
      allTimeBefore: { sharesConfirmed: 9 },
    });
    // What a consumer adds lands on every row of the record, and its items count toward the limit.
    for (const row of chunk.counters.values()) expect(row.counts.sharePoints).toBe(2);
    expect(chunk.memberTotals.get(`${orgId}|all|m1`)).toMatchObject({
      counts: { sharePoints: 2 },
      revisionBefore: 7,
    });
    expect(chunk.itemCount).toBe(CORE_ITEMS_PER_RECORD + 1);
  });
});
