import { describe, expect, it } from "vitest";
import { PointRules } from "../org";
import { BADGES } from "./badges";
import { counterId, countRecord } from "./counting";
import { type Counts, emptyCounts } from "./metrics";
import { PointsPolicyChunk, pointsPolicy } from "./points-policy";
import type { PointsState } from "./points-policy-state";
import type { TallyRecord } from "./tally-record";
import { TestLink } from "./test-support";

const ORG = "org-1";
const DAY = "2026-11-28";
const NOW = "2026-11-28T10:00:00.000Z";

function policyWith(rules: Partial<PointRules> = {}, state: Partial<PointsState> = {}) {
  return new PointsPolicyChunk(
    {
      linkDayClickPoints: new Map(),
      linkDayPointAddresses: new Map(),
      sharePointsAwarded: new Set(),
      rules: new Map([[ORG, PointRules.parse(rules)]]),
      ...state,
    },
    NOW,
  );
}

/** The policy's view of a record: counted by the core, then handed over. */
function give(
  policy: PointsPolicyChunk,
  record: TallyRecord,
  linkConfirmed = true,
  allTimeBefore?: Counts,
): Counts {
  const counted = countRecord(record, linkConfirmed);
  const deltas = { ...counted.deltas };
  policy.add({ record, counted, deltas, ...(allTimeBefore ? { allTimeBefore } : {}) });
  return deltas;
}

describe("the points policy, on counted records", () => {
  it("gives share points on a confirmation, once per member and content however many channels", () => {
    const policy = policyWith();
    const linkedin = new TestLink(ORG, "m1", "c1", "linkedin");
    const x = new TestLink(ORG, "m1", "c1", "x");
    expect(give(policy, linkedin.confirmed(DAY), false).sharePoints).toBe(5);
    expect(give(policy, x.confirmed(DAY), false).sharePoints).toBe(0);
    expect([...policy.awards.values()]).toEqual([
      {
        orgId: ORG,
        memberId: "m1",
        kind: "share_points",
        key: "c1",
        eventId: expect.any(String),
        awardedAt: NOW,
      },
    ]);
  });

  it("gives no share points for a content item already awarded in an earlier batch", () => {
    const policy = policyWith({}, { sharePointsAwarded: new Set([`${ORG}|m1|c1`]) });
    const link = new TestLink(ORG, "m1", "c1");
    expect(give(policy, link.click(DAY, "human"), false)).toMatchObject({
      sharesConfirmed: 1,
      sharePoints: 0,
      clickPoints: 1,
    });
    expect(policy.itemCount).toBe(0);
  });

  it("gives click points only for unique human clicks", () => {
    const policy = policyWith();
    const link = new TestLink(ORG, "m1", "c1");
    for (const record of [
      link.click(DAY, "bot"),
      link.click(DAY, "self"),
      link.click(DAY, "internal"),
      link.click(DAY, "human", false),
    ]) {
      expect(give(policy, record).clickPoints).toBe(0);
    }
    expect(give(policy, link.click(DAY, "human")).clickPoints).toBe(1);
  });

  it("caps click points per link and day, counting what earlier batches earned", () => {
    const link = new TestLink(ORG, "m1", "c1");
    const policy = policyWith(
      { perUniqueHumanClick: 3, maxClickPointsPerLinkPerDay: 10 },
      { linkDayClickPoints: new Map([[`${ORG}|${link.linkCode}|${DAY}`, 5]]) },
    );
    const points = Array.from(
      { length: 3 },
      () => give(policy, link.click(DAY, "human")).clickPoints,
    );
    expect(points).toEqual([3, 2, 0]);
  });

  it("caps point-earning visitors per address, and records them on the link's row", () => {
    const policy = policyWith({ maxPointVisitorsPerAddressPerLinkPerDay: 2 });
    const link = new TestLink(ORG, "m1", "c1");
    const fromA = Array.from(
      { length: 4 },
      () => give(policy, link.click(DAY, "human", true, "address-a")).clickPoints,
    );
    expect(fromA).toEqual([1, 1, 0, 0]);
    expect(give(policy, link.click(DAY, "human", true, "address-b")).clickPoints).toBe(1);
    const row = counterId({ orgId: ORG, dimension: "link", key: link.linkCode, day: DAY });
    expect(policy.counterAdditions(row)).toEqual({
      pointAddresses: ["address-a.1", "address-a.2", "address-b.1"],
    });
    expect(
      policy.counterAdditions(counterId({ orgId: ORG, dimension: "org", key: "all", day: DAY })),
    ).toBeUndefined();
  });

  it("awards a badge when the member's all-time total crosses it, and only then", () => {
    const policy = policyWith();
    const link = new TestLink(ORG, "m1", "c1");
    const before = { ...emptyCounts(), sharesConfirmed: 9, uniqueClicks: 99 };
    give(policy, link.click(DAY, "human"), false, before);
    const badges = [...policy.awards.values()].filter((award) => award.kind === "badge");
    expect(badges.map((award) => award.key).sort()).toEqual(["hundred_clicks", "ten_shares"]);

    const later = policyWith({}, { sharePointsAwarded: new Set([`${ORG}|m1|c1`]) });
    give(later, link.click(DAY, "human"), true, {
      ...before,
      sharesConfirmed: 10,
      uniqueClicks: 100,
    });
    expect(later.itemCount).toBe(0);
  });

  it("writes at most a share award and one badge per badge metric for a record, as it declares", () => {
    // The declared bound assumes a record moves each badge metric by at most 1.
    const link = new TestLink(ORG, "m1", "c1", "x", { segment: {}, networkSize: 5_000 });
    const records = [link.created(DAY), link.confirmed(DAY), link.click(DAY, "human")];
    for (const record of records) {
      const { deltas } = countRecord(record, false);
      for (const badge of BADGES) expect(deltas[badge.metric]).toBeLessThanOrEqual(1);
    }
    const policy = policyWith();
    give(policy, link.click(DAY, "human"), false, {
      ...emptyCounts(),
      sharesConfirmed: 49,
      uniqueClicks: 999,
    });
    expect(policy.itemCount).toBe(pointsPolicy.maxItemsPerRecord);
  });
});
