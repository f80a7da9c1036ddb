import { describe, expect, it } from "vitest";
import { countRecord, MOST_ROWS_PER_RECORD } from "./counting";
import { Dimension } from "./dimensions";
import { emptyCounts } from "./metrics";
import { TestLink } from "./test-support";

const DAY = "2026-11-28";
const everywhere = () =>
  new TestLink("org-1", "m1", "c1", "linkedin", {
    segment: { office: "Malmö", unit: "Sales", competenceArea: "Cloud" },
    networkSize: 300,
    campaignId: "spring",
  });

describe("counting one ledger record", () => {
  it("counts a probe once, on the organisation's row of its day, and nothing of a member", () => {
    const counted = countRecord(
      {
        partition: "probe",
        sequenceNumber: "1",
        eventId: "e1",
        orgId: "org-1",
        occurredAt: `${DAY}T10:00:00.000Z`,
        name: "probe.sent",
        properties: {},
      },
      false,
    );
    expect(counted).toEqual({
      deltas: { ...emptyCounts(), probes: 1 },
      rows: [{ orgId: "org-1", dimension: "org", key: "all", day: DAY }],
    });
  });

  it("puts a link event's deltas on its row in every dimension, and on the member's week and all time", () => {
    const link = everywhere();
    const counted = countRecord(link.created(DAY), false);
    expect(counted.deltas).toEqual({ ...emptyCounts(), sharesIntended: 1 });
    expect(counted.rows.map((row) => `${row.dimension}:${row.key}`).sort()).toEqual(
      [
        "org:all",
        "content:c1",
        "member:m1",
        "channel:linkedin",
        "campaign:spring",
        "segment:office:Malmö",
        "segment:unit:Sales",
        "segment:competenceArea:Cloud",
        `link:${link.linkCode}`,
      ].sort(),
    );
    expect(counted.rows.every((row) => row.orgId === "org-1" && row.day === DAY)).toBe(true);
    expect(counted.member).toEqual({
      orgId: "org-1",
      memberId: "m1",
      periods: ["week:2026-W48", "all"],
    });
  });

  it("bounds the rows a record touches by what a record with every fact touches, in every dimension", () => {
    const counted = countRecord(everywhere().created(DAY), false);
    expect(new Set(counted.rows.map((row) => row.dimension))).toEqual(new Set(Dimension.options));
    expect(counted.rows.length + (counted.member?.periods.length ?? 0)).toBe(MOST_ROWS_PER_RECORD);
  });

  it("leaves out the campaign and empty segment fields a link does not have", () => {
    const link = new TestLink("org-1", "m1", "c1", "x", {
      segment: { unit: "Ops" },
      networkSize: 0,
    });
    const dimensions = countRecord(link.created(DAY), false).rows.map((row) => row.key);
    expect(dimensions).not.toContain("spring");
    expect(dimensions.filter((key) => key.includes(":"))).toEqual(["unit:Ops"]);
  });

  it("confirms a share once per link, with its potential reach", () => {
    const link = everywhere();
    const first = countRecord(link.confirmed(DAY), false);
    expect(first.confirmedBy).toBe("member");
    expect(first.deltas).toEqual({ ...emptyCounts(), sharesConfirmed: 1, potentialReach: 300 });

    const again = countRecord(link.confirmed(DAY), true);
    expect(again).toEqual({ deltas: emptyCounts(), rows: [] });
  });

  it("counts every class of click, and confirms the share on its first unique human click", () => {
    const link = everywhere();
    for (const klass of ["bot", "self", "internal"] as const) {
      expect(countRecord(link.click(DAY, klass), false).deltas).toEqual({
        ...emptyCounts(),
        rawClicks: 1,
        [`${klass}Clicks`]: 1,
      });
    }
    expect(countRecord(link.click(DAY, "human", false), false).deltas).toEqual({
      ...emptyCounts(),
      rawClicks: 1,
      humanClicks: 1,
    });
    const unique = countRecord(link.click(DAY, "human"), false);
    expect(unique.confirmedBy).toBe("click");
    expect(unique.deltas).toEqual({
      ...emptyCounts(),
      rawClicks: 1,
      humanClicks: 1,
      uniqueClicks: 1,
      sharesConfirmed: 1,
      potentialReach: 300,
    });
    const onConfirmed = countRecord(link.click(DAY, "human"), true);
    expect(onConfirmed.confirmedBy).toBeUndefined();
    expect(onConfirmed.deltas).toMatchObject({ uniqueClicks: 1, sharesConfirmed: 0 });
  });

  it("knows nothing of points: no record it counts carries any", () => {
    const link = everywhere();
    const records = [
      link.created(DAY),
      link.confirmed(DAY),
      link.click(DAY, "human"),
      link.click(DAY, "bot"),
    ];
    for (const record of records) {
      for (const confirmed of [false, true]) {
        const { deltas } = countRecord(record, confirmed);
        expect({ sharePoints: deltas.sharePoints, clickPoints: deltas.clickPoints }).toEqual({
          sharePoints: 0,
          clickPoints: 0,
        });
      }
    }
  });
});
