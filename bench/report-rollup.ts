import { addDays, eachDay, localDay } from "@sprida/core/day";
import { meterDynamoDb } from "@sprida/core/dynamo";
import { Member, type MembershipRef } from "@sprida/core/member";
import { Org } from "@sprida/core/org";
import { Report } from "@sprida/core/report";
import { Runtime } from "@sprida/core/runtime";
import { Tally } from "@sprida/core/tally";
import { TestLink } from "../packages/core/src/tally/test-support";
import { checkInterrupted } from "./cleanup";
import { startBenchSystem } from "./local-system";
import { median, round } from "./stats";

export interface ReportRollupOptions {
  /**
   * Days of history before the rolled day, small and large, both longer than the attribution
   * window (every night looks at the window's days again, so its activity is part of a
   * night's cost; what is beyond it must not be).
   */
  histories: [number, number];
  /** Rounds of "one more day of activity, then the nightly unit" per history. */
  rounds: number;
  /** Days of history behind the 12-month dashboard load. */
  dashboardDays: number;
  log: (message: string) => void;
}

const TIME_ZONE = "Europe/Stockholm";

/** Runs `fn` with the runtime's clock at `at`, then puts the real clock back. */
async function at<T>(instant: Date, fn: () => Promise<T>): Promise<T> {
  const before = Runtime.use();
  Runtime.provide({ ...before, now: () => new Date(instant) });
  try {
    return await fn();
  } finally {
    Runtime.provide(before);
  }
}

/** An organisation made `days` + 2 days ago, with an admin and three members' links. */
export async function organisationWithHistory(days: number, log: (message: string) => void) {
  const today = localDay(TIME_ZONE, new Date());
  const made = new Date(Date.now() - (days + 2) * 86_400_000);
  const { org, admin, links } = await at(made, async () => {
    const org = await Org.create({
      name: `Bench ${days} days`,
      locale: "en",
      timeZone: TIME_ZONE,
      guidelines: "Bench.",
    });
    const join = async (email: string, role: "admin" | "member") => {
      const { inviteToken } = await Member.invite({
        orgId: org.orgId,
        email,
        role,
        invitedBy: Member.SYSTEM_ACTOR,
      });
      return Member.acceptInvite({ token: inviteToken, guidelinesVersion: 1 });
    };
    const admin = await join(`admin-${org.orgId}@example.test`, "admin");
    const members = await Promise.all(
      [1, 2, 3].map((n) => join(`m${n}-${org.orgId}@example.test`, "member")),
    );
    const channels = ["linkedin", "x", "facebook"];
    const links = members.map(
      (member, i) =>
        new TestLink(org.orgId, member.memberId, `content-${i}`, channels[i], {
          segment: { office: "Malmö" },
          networkSize: 200 + i * 100,
        }),
    );
    return { org, admin, links };
  });
  log(`report.rollup: ${days} days of history`);
  const history = eachDay(addDays(today, -(days + 1)), addDays(today, -2));
  for (let start = 0; start < history.length; start += 20) {
    await Tally.applyBatch(history.slice(start, start + 20).flatMap((day) => dayOf(links, day)));
    checkInterrupted();
  }
  // The first run catches the history up (at most Report.MAX_CATCH_UP_DAYS a run).
  for (let rolled = Infinity; rolled > 0; ) {
    const result = await Report.rollUpDue({ orgId: org.orgId });
    rolled = result.rolled + result.empty;
    if (result.to >= addDays(today, -2)) break;
  }
  return { orgId: org.orgId, admin, links, today };
}

/** One day's activity: shares, confirmations and 15 clicks of every class. */
function dayOf(links: TestLink[], day: string) {
  return links.flatMap((link) => [
    link.created(day),
    link.confirmed(day),
    link.click(day, "human"),
    link.click(day, "human"),
    link.click(day, "bot"),
    link.click(day, "internal"),
    link.click(day, "self"),
  ]);
}

/**
 * The nightly rollup of one day, for an organisation with a small and with a ten times
 * larger history (time and DynamoDB units of the unit that rolls it; the goal: a ratio near
 * 1, since a day's cost follows its activity, not history), and the reads of a 12-month
 * dashboard (overview and monthly series) against what reading daily counters per dimension
 * would take.
 */
export async function benchReportRollup(options: ReportRollupOptions) {
  const { histories, rounds, dashboardDays, log } = options;
  const started = await startBenchSystem("report-rollup", log);
  try {
    const meter = meterDynamoDb(Runtime.use().dynamo);
    const perHistory: Record<
      string,
      { ms: number; readUnits: number; writeUnits: number; calls: number }
    > = {};
    for (const days of histories) {
      const org = await organisationWithHistory(days, log);
      const yesterday = addDays(org.today, -1);
      const ms: number[] = [];
      const reads: number[] = [];
      const writes: number[] = [];
      const calls: number[] = [];
      for (let round_ = 0; round_ < rounds; round_++) {
        await Tally.applyBatch(dayOf(org.links, yesterday));
        meter.reset();
        const began = performance.now();
        const result = await Report.rollUpDue({ orgId: org.orgId });
        ms.push(performance.now() - began);
        if (result.rolled !== 1)
          throw new Error(`expected one day rolled, got ${JSON.stringify(result)}`);
        const snapshot = meter.snapshot();
        reads.push(snapshot.readUnits);
        writes.push(snapshot.writeUnits);
        calls.push(Object.values(snapshot.byOperation).reduce((sum, op) => sum + op.calls, 0));
        checkInterrupted();
      }
      perHistory[String(days)] = {
        ms: round(median(ms)),
        readUnits: round(median(reads)),
        writeUnits: round(median(writes)),
        calls: median(calls),
      };
    }
    const [small, large] = histories.map((days) => perHistory[String(days)]) as [
      (typeof perHistory)[string],
      (typeof perHistory)[string],
    ];

    const dashboardOrg = await organisationWithHistory(dashboardDays, log);
    const admin: MembershipRef = dashboardOrg.admin;
    const range = { from: addDays(dashboardOrg.today, -364), to: dashboardOrg.today };
    meter.reset();
    const began = performance.now();
    await Report.overview(admin, range);
    await Report.series(admin, { ...range, granularity: "month" });
    const dashboardMs = performance.now() - began;
    const dashboard = meter.snapshot();
    return {
      rollupOfOneDay: {
        byHistoryDays: perHistory,
        ratioLargeToSmall: {
          ms: round(large.ms / small.ms),
          readUnits: round(large.readUnits / small.readUnits),
          calls: round(large.calls / small.calls),
        },
        goal: "ratio ≤ 1.2",
      },
      dashboard12Months: {
        historyDays: dashboardDays,
        ms: round(dashboardMs),
        readUnits: round(dashboard.readUnits),
        calls: Object.values(dashboard.byOperation).reduce((sum, op) => sum + op.calls, 0),
        byOperation: dashboard.byOperation,
        baseline: {
          what: "reading the daily counter rows of one dimension per day instead (365 days × 6 dimensions)",
          calls: 365 * 6,
        },
        goal: "a few dozen reads",
      },
    };
  } finally {
    await started.stop();
  }
}
