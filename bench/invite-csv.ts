import { Member } from "@sprida/core/member";
import { Onboarding } from "@sprida/core/onboarding";
import { Org } from "@sprida/core/org";
import { checkInterrupted } from "./cleanup";
import { startBenchSystem } from "./local-system";
import { round } from "./stats";

export interface InviteCsvOptions {
  /** Rows invited one at a time (the path every row took before batching): the baseline. */
  baselineRows: number;
  /** Rows imported through `Onboarding.inviteCsvByMail`, each count into a fresh organisation. */
  fileRows: number[];
  log: (message: string) => void;
}

/** The old path's concurrency: four rows at a time, each its own reads and transaction. */
const BASELINE_CONCURRENCY = 4;

/**
 * `POST /api/admin/invites/csv`, in process: parse, batched reads, many invitations
 * to a transaction, mails sent concurrently, on the local system's DynamoDB Local and mail
 * server. The baseline invites addresses one at a time (`Member.invite`, four at once), as every
 * CSV row was before, on the same DynamoDB Local in the same run; it mails nothing, so the
 * ratio understates the gain.
 */
export async function benchInviteCsv(options: InviteCsvOptions) {
  const { baselineRows, fileRows, log } = options;
  const started = await startBenchSystem("invite-csv", log);
  try {
    let run = 0;
    const addresses = (count: number) => {
      run++;
      return Array.from({ length: count }, (_, i) => `bench-${run}-${i}@example.test`);
    };

    log(`invite-csv: baseline, ${baselineRows} rows one at a time`);
    const baselineOrg = await newOrg();
    const queue = addresses(baselineRows);
    const baselineBegan = performance.now();
    await Promise.all(
      Array.from({ length: BASELINE_CONCURRENCY }, async () => {
        for (let email = queue.pop(); email; email = queue.pop()) {
          await Member.invite({ orgId: baselineOrg.orgId, email, invitedBy: Member.SYSTEM_ACTOR });
        }
      }),
    );
    const baselineMs = performance.now() - baselineBegan;
    const baselineRate = baselineRows / (baselineMs / 1000);
    checkInterrupted();

    const files: Record<string, unknown> = {};
    for (const rows of fileRows) {
      // A request holds at most MAX_CSV_ROWS rows; more is sent as consecutive requests.
      const requests = Math.ceil(rows / Member.MAX_CSV_ROWS);
      log(`invite-csv: ${rows} rows in ${requests} request(s)`);
      const org = await newOrg();
      const emails = addresses(rows);
      const began = performance.now();
      let invited = 0;
      for (let start = 0; start < rows; start += Member.MAX_CSV_ROWS) {
        const part = emails.slice(start, start + Member.MAX_CSV_ROWS);
        const results = await Onboarding.inviteCsvByMail({
          orgId: org.orgId,
          csv: ["email;displayName;role", ...part.map((e) => `${e};Bench;member`)].join("\n"),
          invitedBy: Member.SYSTEM_ACTOR,
        });
        invited += results.filter((row) => row.outcome === "invited").length;
        checkInterrupted();
      }
      const ms = performance.now() - began;
      if (invited !== rows) throw new Error(`${rows} rows: only ${invited} invited`);
      files[String(rows)] = {
        requests,
        seconds: round(ms / 1000),
        rowsPerSecond: round(rows / (ms / 1000), 1),
        ratioToBaseline: round(rows / (ms / 1000) / baselineRate, 1),
      };
    }
    return {
      baseline: {
        rows: baselineRows,
        seconds: round(baselineMs / 1000),
        rowsPerSecond: round(baselineRate, 1),
      },
      files,
      maxRowsPerFile: Member.MAX_CSV_ROWS,
    };
  } finally {
    await started.stop();
  }
}

function newOrg() {
  return Org.create({
    name: "Bench AB",
    locale: "en",
    timeZone: "Europe/Stockholm",
    guidelines: "Share what you stand behind.",
  });
}
