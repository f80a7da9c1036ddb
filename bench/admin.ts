import { join } from "node:path";
import { addDays } from "@sprida/core/day";
import { meterDynamoDb } from "@sprida/core/dynamo";
import { Report } from "@sprida/core/report";
import { Runtime } from "@sprida/core/runtime";
import { Value } from "@sprida/core/value";
import { ensureWebBuilt, WEB_ROOT } from "@sprida/local/web";
import { bareReactFirstLoad, firstLoad, kb } from "./hub";
import { startBenchSystem } from "./local-system";
import { organisationWithHistory } from "./report-rollup";
import { round } from "./stats";

export interface AdminBenchOptions {
  /** Days of history behind the 12-month dashboard. */
  historyDays: number;
  log: (message: string) => void;
}

const GOAL_FIRST_LOAD_GZIP_BYTES = 300 * 1024;

/** What an admin opening /admin loads: the hub's entry, the admin frame, the dashboard, its chart. */
const DASHBOARD_MODULES = [
  "src/admin/admin-layout.tsx",
  "src/admin/dashboard/dashboard-page.tsx",
  "src/admin/dashboard/trend-chart.tsx",
];

/**
 * The admin site, measured: the JavaScript an admin's first visit to the dashboard loads
 * (gzipped, against a bare React page built the same way in the same run), and the API
 * requests and DynamoDB reads of the dashboard for 12 months against the same for 30 days.
 */
export async function benchAdmin({ historyDays, log }: AdminBenchOptions) {
  await ensureWebBuilt();
  const dist = join(WEB_ROOT, "dist");
  const admin = await firstLoad(dist, DASHBOARD_MODULES);
  const hub = await firstLoad(dist);
  const bare = await bareReactFirstLoad();
  log(`admin: dashboard first load ${kb(admin.jsGzipBytes)} KB gzipped in ${admin.chunks} files`);
  const started = await startBenchSystem("admin", log);
  try {
    const meter = meterDynamoDb(Runtime.use().dynamo);
    const org = await organisationWithHistory(historyDays, log);
    const measure = async (days: number) => {
      const range = { from: addDays(org.today, -(days - 1)), to: org.today };
      const previous = { from: addDays(range.from, -days), to: addDays(range.from, -1) };
      const granularity = days <= 31 ? "day" : days <= 183 ? "week" : "month";
      meter.reset();
      const began = performance.now();
      // What the dashboard asks for, as its page does: the overview of both periods, the
      // trend of both, the channel breakdown, the named members, the value settings.
      const requests = [
        () => Report.overview(org.admin, range),
        () => Report.overview(org.admin, previous),
        () => Report.series(org.admin, { ...range, granularity }),
        () => Report.series(org.admin, { ...previous, granularity }),
        () => Report.breakdown(org.admin, "channel", range),
        () => Report.breakdown(org.admin, "member", range),
        () => Value.versions(org.orgId),
      ];
      await Promise.all(requests.map((request) => request()));
      const ms = performance.now() - began;
      const snapshot = meter.snapshot();
      return {
        days,
        apiRequests: requests.length,
        ms: round(ms),
        readUnits: round(snapshot.readUnits),
        dynamoCalls: Object.values(snapshot.byOperation).reduce((sum, op) => sum + op.calls, 0),
      };
    };
    const month = await measure(30);
    const year = await measure(365);
    log(`admin: 12-month dashboard ${year.readUnits} read units in ${year.dynamoCalls} calls`);
    return {
      firstLoad: {
        jsGzipKb: kb(admin.jsGzipBytes),
        cssGzipKb: kb(admin.cssGzipBytes),
        files: admin.chunks,
        goalJsGzipKb: kb(GOAL_FIRST_LOAD_GZIP_BYTES),
        withinGoal: admin.jsGzipBytes <= GOAL_FIRST_LOAD_GZIP_BYTES,
        hubJsGzipKb: kb(hub.jsGzipBytes),
        adminOverHubKb: kb(admin.jsGzipBytes - hub.jsGzipBytes),
        baselineBareReactJsGzipKb: kb(bare),
        ratioToBareReact: round(admin.jsGzipBytes / bare, 2),
      },
      largestFirstLoadFilesGzipKb: admin.largest,
      dashboard: {
        historyDays,
        twelveMonths: year,
        baseline30Days: month,
        ratio12MonthsTo30Days: {
          readUnits: round(year.readUnits / Math.max(1, month.readUnits), 2),
          ms: round(year.ms / Math.max(1, month.ms), 2),
        },
      },
    };
  } finally {
    await started.stop();
  }
}
