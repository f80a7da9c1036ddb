import { parseArgs } from "node:util";
import { Runtime } from "@sprida/core/runtime";
import { type RecountReport, recount } from "@sprida/core/tally";
import { readConfig } from "../runtime/config";
import { startLocalSystem } from "../runtime/local-system";
import type { Output } from "./admin-command";
import { postJson, runningServer } from "./running-server";
import { stageRegion, stageTableRuntime } from "./stage-runtime";

export const RECOUNT_USAGE = `Usage: npm run admin -- recount-tally --org <orgId> --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--apply]
                                   [--stage <stage> [--region <region>]]

Recounts the organisation's daily counters for its local days from..to (at most 400) from the
event ledger, with the tally's own counting, and lists every row that differs (a dry run).
With --apply it adds each difference to its row and to the member's week and all-time totals
and the link's totals. Every count is recounted; points are not (events the tally missed earn
none afterwards). Run it on days the stream has finished with; run it again to check: it then
finds nothing. Runbook: docs/operations-tally-rebuild.md.

Exit codes: 0 exact (or corrected), 1 differences found on a dry run or failed, 2 bad input.`;

/** `npm run admin -- recount-tally …` (packages/core/src/tally/recount.ts). */
export async function runRecountTally(
  argv: string[],
  out: Output,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  let values: ReturnType<typeof parse>["values"];
  try {
    ({ values } = parse(argv));
  } catch (error) {
    out.error(`${(error as Error).message}\n\n${RECOUNT_USAGE}`);
    return 2;
  }
  if (values.help) {
    out.log(RECOUNT_USAGE);
    return 0;
  }
  const input = { orgId: values.org ?? "", from: values.from ?? "", to: values.to ?? "" };
  const apply = values.apply ?? false;
  let report: RecountReport;
  if (values.stage) {
    const region = stageRegion(values.region, env);
    out.log(`Stage ${values.stage} in ${region}, with your AWS credentials…`);
    Runtime.provide(stageTableRuntime(values.stage, region));
    report = await recount(input, { apply, progress: out.log });
  } else {
    const server = await runningServer();
    if (server) {
      out.log(`Recounting through the running npm start at ${server}…`);
      const { status, body } = await postJson(`${server}/_local/tally/recount`, {
        ...input,
        apply,
      });
      if (status !== 200) {
        out.error(
          (body as { error?: { message?: string } }).error?.message ?? JSON.stringify(body),
        );
        return status >= 400 && status < 500 ? 2 : 1;
      }
      report = body as RecountReport;
    } else {
      const system = await startLocalSystem(readConfig(), { http: false, schedules: false });
      try {
        report = await recount(input, { apply, progress: out.log });
      } finally {
        await system.stop();
      }
    }
  }
  printReport(report, out);
  return report.rows.length === 0 || report.applied ? 0 : 1;
}

function parse(argv: string[]) {
  const text = { type: "string" } as const;
  return parseArgs({
    args: argv,
    strict: true,
    options: {
      help: { type: "boolean", short: "h" },
      org: text,
      from: text,
      to: text,
      apply: { type: "boolean" },
      stage: text,
      region: text,
    },
  });
}

const SHOWN_ROWS = 20;

function printReport(report: RecountReport, out: Output): void {
  out.log(
    `${report.events} event(s) of ${report.partitions} link(s) in ${report.from}…${report.to}: ` +
      `${report.rows.length} row(s) differ from the ledger.`,
  );
  for (const row of report.rows.slice(0, SHOWN_ROWS)) {
    const differences = Object.entries(row.differences)
      .map(([metric, difference]) => `${metric} ${difference > 0 ? "+" : ""}${difference}`)
      .join(", ");
    out.log(`  ${row.day} ${row.dimension} ${row.key}: ${differences}`);
  }
  if (report.rows.length > SHOWN_ROWS) out.log(`  … and ${report.rows.length - SHOWN_ROWS} more`);
  if (report.rows.length === 0) return;
  out.log(
    report.applied
      ? `Corrected: ${report.rows.length} row(s) and ${report.totalsAdjusted} total(s). Run it again to check.`
      : "Nothing written (a dry run): add --apply to correct them.",
  );
}
