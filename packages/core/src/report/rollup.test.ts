import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { testDynamo } from "@sprida/testing/dynamodb";
import { provideTestRuntime, withRuntime } from "@sprida/testing/runtime";
import { activeMember, newEmail, newOrganisation } from "@sprida/testing/test-members";
import { beforeAll, describe, expect, it } from "vitest";
import { eachDay } from "../day";
import { testClock } from "../member/test-support";
import { Runtime } from "../runtime";
import { Tally } from "../tally";
import { TestLink } from "../tally/test-support";
import { periodBounds } from "./calendar";
import { summaryOfRange } from "./range";
import { summariesBetween } from "./rollup";
import { orgsWithFinishedDays, rollUpDue } from "./rollup-due";
import { combine, countsOf, emptySummary, Summary } from "./summary";

const clock = testClock("2026-03-01T08:00:00.000Z");
// 10:00 in Stockholm on 2026-06-10: yesterday is 2026-06-09.
const NOW = "2026-06-10T08:00:00.000Z";

beforeAll(() => {
  provideTestRuntime({ now: clock.now });
});

/** An organisation made on 1 March, its members, and links on two channels. */
async function setting() {
  clock.set("2026-03-01T08:00:00.000Z");
  const org = await newOrganisation();
  const anna = await activeMember(org, newEmail());
  const bo = await activeMember(org, newEmail());
  clock.set(NOW);
  const context = { segment: { office: "Malmö" }, networkSize: 300, campaignId: "june" };
  return {
    orgId: org.orgId,
    linkedin: new TestLink(org.orgId, anna.memberId, "content-a", "linkedin", context),
    x: new TestLink(org.orgId, bo.memberId, "content-b", "x", { segment: {}, networkSize: 40 }),
  };
}

/** Late May to early June: across a month's end and an ISO week's. */
const DAYS = ["2026-05-29", "2026-05-30", "2026-06-01", "2026-06-03", "2026-06-09"];

async function activity(links: { linkedin: TestLink; x: TestLink }) {
  const records = DAYS.flatMap((day, i) => [
    links.linkedin.created(day),
    ...(i === 0 ? [links.linkedin.confirmed(day), links.x.confirmed(day)] : []),
    links.linkedin.click(day, "human"),
    links.x.click(day, "human"),
    links.x.click(day, "bot"),
    ...(i % 2 ? [links.linkedin.click(day, "internal")] : []),
  ]);
  await Tally.applyBatch(records);
}

const summaryOf = (item: { summary: unknown }) => Summary.parse(item.summary);

/** Every stored week, month and quarter equals the sum of its stored days. */
async function expectPeriodsToSumTheirDays(orgId: string) {
  const days = await summariesBetween(orgId, "day", "2026-01-01", "2026-12-31");
  for (const kind of ["week", "month", "quarter"] as const) {
    const periods = await summariesBetween(orgId, kind, "0", "9");
    expect(periods.length).toBeGreaterThan(0);
    for (const period of periods) {
      const { from, to } = periodBounds(kind, period.period);
      const sum = days
        .filter((day) => day.period >= from && day.period <= to)
        .reduce((total, day) => combine(total, summaryOf(day)), emptySummary([]));
      const stored = summaryOf(period);
      expect(countsOf(stored, stored.totals), `${kind} ${period.period}`).toEqual(
        countsOf(sum, sum.totals),
      );
      expect(stored.byKey, `${kind} ${period.period}`).toEqual(
        combine(emptySummary(stored.metrics), sum).byKey,
      );
    }
  }
}

/** Each stored day equals the tally's organisation row for the day: API equals counters. */
async function expectDaysToEqualCounters(orgId: string) {
  for (const item of await summariesBetween(orgId, "day", "2026-01-01", "2026-12-31")) {
    const stored = summaryOf(item);
    const counters = await Tally.orgDay(orgId, item.period);
    for (const metric of stored.metrics) {
      expect(countsOf(stored, stored.totals)[metric], `${item.period} ${metric}`).toBe(
        counters[metric as keyof typeof counters],
      );
    }
  }
}

describe("the nightly rollup", () => {
  it("sums each finished day into its ISO week, month and quarter; a rerun changes nothing", async () => {
    const { orgId, ...links } = await setting();
    await activity(links);

    const first = await rollUpDue({ orgId, now: clock.now() });

    expect(first).toMatchObject({ from: "2026-03-01", to: "2026-06-09", rolled: DAYS.length });
    await expectDaysToEqualCounters(orgId);
    await expectPeriodsToSumTheirDays(orgId);
    const june = await summariesBetween(orgId, "month", "2026-06", "2026-06");
    const juneSummary = summaryOf(june[0] as { summary: unknown });
    expect(Object.keys(juneSummary.byKey.channel).sort()).toEqual(["linkedin", "x"]);
    expect(Object.keys(juneSummary.byKey.campaign)).toEqual(["june"]);
    expect(Object.keys(juneSummary.byKey.segment)).toEqual(["office:Malmö"]);
    expect(countsOf(juneSummary, juneSummary.totals)).toMatchObject({
      humanClicks: 6,
      uniqueClicks: 6,
      botClicks: 3,
      internalClicks: 1,
    });

    const before = await summariesBetween(orgId, "quarter", "0", "9");
    const again = await rollUpDue({ orgId, now: clock.now() });
    expect(again).toMatchObject({ rolled: 0, unchanged: DAYS.length });
    expect(await summariesBetween(orgId, "quarter", "0", "9")).toEqual(before);
  });

  it("adds a day whose counters changed after its rollup once, as its difference", async () => {
    const { orgId, ...links } = await setting();
    await activity(links);
    await rollUpDue({ orgId, now: clock.now() });

    await Tally.applyBatch([links.x.click("2026-06-01", "human"), links.x.confirmed("2026-06-01")]);
    const after = await rollUpDue({ orgId, now: clock.now() });

    expect(after.rolled).toBe(1);
    await expectDaysToEqualCounters(orgId);
    await expectPeriodsToSumTheirDays(orgId);
  });

  it("finishes a day whose run died between its periods and the day itself", async () => {
    const { orgId, ...links } = await setting();
    await activity(links);
    await rollUpDue({ orgId, now: clock.now() });
    await Tally.applyBatch([links.linkedin.click("2026-06-03", "human")]);

    const { endpoint } = testDynamo();
    const crashing = new DynamoDBClient({
      endpoint,
      region: "eu-north-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
    let puts = 0;
    crashing.middlewareStack.add(
      (next, context) => async (args) => {
        const output = await next(args);
        if (context.commandName === "PutItemCommand" && ++puts === 2) {
          throw new Error("process killed after the write landed");
        }
        return output;
      },
      { step: "initialize", name: "crashAfterSecondPut" },
    );
    await withRuntime(
      (before) => ({ ...before, dynamo: crashing, document: Runtime.documentClient(crashing) }),
      async () => {
        await expect(rollUpDue({ orgId, now: clock.now() })).rejects.toThrow(/process killed/);
      },
    );

    await rollUpDue({ orgId, now: clock.now() });
    await rollUpDue({ orgId, now: clock.now() });
    await expectDaysToEqualCounters(orgId);
    await expectPeriodsToSumTheirDays(orgId);
  });

  it("catches up the nights it missed, and reads the days after the last rolled one live", async () => {
    const { orgId, ...links } = await setting();
    await activity(links);
    await rollUpDue({ orgId, now: clock.now() });
    // Five nights without a run, with activity on each of those days and today.
    const missed = ["2026-06-10", "2026-06-11", "2026-06-12", "2026-06-13", "2026-06-14"];
    await Tally.applyBatch(
      [...missed, "2026-06-15"].flatMap((day) => [links.linkedin.click(day, "human")]),
    );
    clock.set("2026-06-15T12:00:00.000Z");

    const range = await summaryOfRange(orgId, "2026-05-01", "2026-06-15");
    expect(range.rolledThrough).toBe("2026-06-09");
    expect(range.liveDays).toEqual(eachDay("2026-06-10", "2026-06-15"));
    const rolled = await rollUpDue({ orgId, now: clock.now() });
    expect(rolled).toMatchObject({ to: "2026-06-14", rolled: missed.length });
    const after = await summaryOfRange(orgId, "2026-05-01", "2026-06-15");
    expect(after.liveDays).toEqual(["2026-06-15"]);

    let counters = emptySummary([]);
    for (const day of eachDay("2026-05-01", "2026-06-15")) {
      const row = await Tally.orgDay(orgId, day);
      const metrics = Object.keys(row);
      counters = combine(counters, {
        ...emptySummary(metrics),
        totals: metrics.map((m) => row[m as keyof typeof row]),
      });
    }
    for (const made of [range, after]) {
      const totals = countsOf(made.summary, made.summary.totals);
      for (const metric of made.summary.metrics) {
        expect(totals[metric], metric).toBe(countsOf(counters, counters.totals)[metric]);
      }
    }
  });

  it("is due for organisations with a finished local day, not for one made today", async () => {
    const { orgId: older } = await setting();
    const today = await newOrganisation();

    const due = await orgsWithFinishedDays({ now: clock.now() });

    expect(due).toContain(older);
    expect(due).not.toContain(today.orgId);
  });
});
