import "./environment";
import { parseArgs } from "node:util";
import { Job } from "@sprida/core/job";
import { Runtime } from "@sprida/core/runtime";
import { Jobs } from "@sprida/functions/jobs";
import { readConfig } from "../runtime/config";
import { startLocalSystem } from "../runtime/local-system";
import { printFailure } from "./print-failure";
import { postJson, runningServer } from "./running-server";

const usage = `Usage: npm run job -- <name> [--org <id>]    runs a job now
       npm run job -- --list                     lists the jobs`;

/**
 * Runs a job now: through the running `npm start` if there is one (so the job's events go
 * through its bus), otherwise in a runtime of its own that waits for the deliveries.
 */
async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { org: { type: "string" }, list: { type: "boolean" }, help: { type: "boolean" } },
  });
  const name = positionals[0];
  if (values.list || values.help || !name) {
    console.log(
      `${usage}\n\nJobs:\n  tick  runs every job that is due, as the 15-minute schedule does`,
    );
    for (const job of Jobs) console.log(`  ${job.name}  ${job.description}`);
    return values.list || values.help ? 0 : 2;
  }
  if (name !== "tick") Job.find(Jobs, name);

  const server = await runningServer();
  if (server) {
    const { status, body } = await postJson(`${server}/_local/jobs/${name}`, { orgId: values.org });
    console.log(JSON.stringify(body, null, 2));
    return status === 200 ? 0 : 1;
  }

  console.log(
    "No running `npm start` found: starting a runtime for this job… (e-mail it sends goes to a " +
      "temporary inbox, printed here; start `npm start` first to read it in the inbox)",
  );
  const system = await startLocalSystem(readConfig(), { http: false, schedules: false });
  try {
    const outcome =
      name === "tick"
        ? await system.scheduler.runNow("tick")
        : await Job.runNow(Job.find(Jobs, name), { orgId: values.org, now: Runtime.use().now() });
    console.log(JSON.stringify(outcome, null, 2));
    await system.bus.drain(30_000);
    return outcome?.ok ? 0 : 1;
  } finally {
    await system.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    printFailure(error);
    process.exit(1);
  },
);
