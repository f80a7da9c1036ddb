import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { Org } from "../org";
import { applyBatch } from "./apply-batch";
import { countersBetween, memberTotalsOf, orgDay } from "./read";
import { recount } from "./recount";
import { tallyService } from "./tally.entity";
import { ledgered, TestLink } from "./test-support";

const BEFORE = "2026-11-20";
const DAY1 = "2026-11-23";
const DAY2 = "2026-11-24";

async function organisation() {
  const org = await Org.create({ name: "Recount AB", locale: "sv", timeZone: "Europe/Stockholm" });
  const context = { segment: { office: "Malmö" }, networkSize: 300 };
  const links = [
    new TestLink(org.orgId, "m1", "c1", "linkedin", context),
    new TestLink(org.orgId, "m2", "c1", "facebook", context),
  ];
  return { orgId: org.orgId, links };
}

describe("recounting a tally from the ledger", () => {
  beforeAll(() => provideTestRuntime());

  it("finds the events the tally missed, and after applying equals the ledger in every row and total", async () => {
    const { orgId, links } = await organisation();
    const [a, b] = links as [TestLink, TestLink];
    const applied = await ledgered([
      a.created(BEFORE),
      b.created(BEFORE),
      a.click(BEFORE, "human"),
      a.confirmed(DAY1),
      a.click(DAY1, "human"),
      b.click(DAY1, "bot"),
    ]);
    await applyBatch(applied);
    // Ledgered, never tallied: a stream batch that expired.
    const missed = await ledgered([
      a.click(BEFORE, "human"),
      b.click(DAY1, "human"),
      b.click(DAY2, "human"),
      a.click(DAY2, "internal"),
    ]);

    const dryRun = await recount({ orgId, from: DAY1, to: DAY2 });
    expect(dryRun).toMatchObject({ events: 6, applied: false, totalsAdjusted: 0 });
    const orgRows = dryRun.rows.filter((row) => row.dimension === "org");
    expect(orgRows).toEqual([
      {
        orgId,
        dimension: "org",
        key: "all",
        day: DAY1,
        // b's first unique human click confirms its share.
        differences: {
          rawClicks: 1,
          humanClicks: 1,
          uniqueClicks: 1,
          sharesConfirmed: 1,
          potentialReach: 300,
        },
      },
      {
        orgId,
        dimension: "org",
        key: "all",
        day: DAY2,
        differences: { rawClicks: 2, humanClicks: 1, uniqueClicks: 1, internalClicks: 1 },
      },
    ]);
    // A dry run writes nothing.
    expect((await orgDay(orgId, DAY2)).rawClicks).toBe(0);

    const fixed = await recount({ orgId, from: DAY1, to: DAY2 }, { apply: true });
    expect(fixed.rows).toEqual(dryRun.rows);
    expect(await orgDay(orgId, DAY1)).toMatchObject({ rawClicks: 3, humanClicks: 2, botClicks: 1 });
    expect(await orgDay(orgId, DAY2)).toMatchObject({ rawClicks: 2, internalClicks: 1 });
    // The member's all-time total moved with its days: m2's two missed human clicks.
    const totals = await memberTotalsOf(orgId, "m2", ["all"]);
    expect(totals.get("all")).toMatchObject({ rawClicks: 3, humanClicks: 2, botClicks: 1 });
    // Outside the range nothing changed: BEFORE still lacks its missed click.
    expect((await orgDay(orgId, BEFORE)).rawClicks).toBe(1);
    expect(missed).toHaveLength(4);

    // Exact now: a second recount finds nothing.
    expect((await recount({ orgId, from: DAY1, to: DAY2 }, { apply: true })).rows).toEqual([]);
    expect((await recount({ orgId, from: BEFORE, to: BEFORE })).rows.length).toBeGreaterThan(0);
  });

  it("takes back what was counted twice", async () => {
    const { orgId, links } = await organisation();
    const [a] = links as [TestLink];
    await applyBatch(await ledgered([a.created(DAY1), a.click(DAY1, "human")]));
    // A bug added the click again to the content's row.
    await tallyService()
      .counter.upsert({ orgId, dimension: "content", key: "c1", day: DAY1 })
      .add({ rawClicks: 1, humanClicks: 1 })
      .go();
    const report = await recount({ orgId, from: DAY1, to: DAY1 }, { apply: true });
    expect(report.rows).toEqual([
      {
        orgId,
        dimension: "content",
        key: "c1",
        day: DAY1,
        differences: { rawClicks: -1, humanClicks: -1 },
      },
    ]);
    const [content] = await countersBetween(orgId, "content", DAY1, DAY1);
    expect(content?.counts).toMatchObject({ rawClicks: 1, humanClicks: 1 });
  });

  it("refuses a range backwards, too long or of an unknown organisation, changing nothing", async () => {
    const { orgId } = await organisation();
    await expect(recount({ orgId, from: DAY2, to: DAY1 })).rejects.toMatchObject({
      kind: "invalid",
    });
    await expect(recount({ orgId, from: "2025-01-01", to: "2026-06-01" })).rejects.toThrow(
      /400 days/,
    );
    await expect(recount({ orgId: "no-such-org", from: DAY1, to: DAY1 })).rejects.toMatchObject({
      kind: "not_found",
    });
  });
});
