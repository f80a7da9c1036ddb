import "./environment";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_REGION } from "../../../../infra/region";
import { listDeadLetters, requestReplay } from "../bus";
import { readConfig } from "../runtime/config";
import { AWS_USAGE, awsDeadLetters } from "./dlq-aws";
import { printFailure } from "./print-failure";
import { postJson, runningServer } from "./running-server";

const usage = `Usage: npm run dlq -- list              lists the local dead letters
       npm run dlq -- replay [id...]     re-delivers them (all if no id)
${AWS_USAGE}`;

/** The local dead-letter queue: events a target kept failing on, kept until replayed. */
async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      stage: { type: "string" },
      region: { type: "string" },
      max: { type: "string", default: "100" },
      "dry-run": { type: "boolean", default: false },
    },
  });
  if (values.stage) {
    const max = Number(values.max);
    if (!Number.isInteger(max) || max < 1 || max > 10_000) {
      console.error("--max must be a whole number from 1 to 10000");
      return 2;
    }
    const region = values.region || process.env.SPRIDA_REGION || DEFAULT_REGION;
    const code = await awsDeadLetters(values.stage, region, positionals, {
      max,
      dryRun: values["dry-run"] ?? false,
    });
    if (code === 2) console.error(usage);
    return code;
  }
  const [command, ...ids] = positionals;
  const dir = join(readConfig().SPRIDA_DATA_DIR, "bus");
  const server = await runningServer();
  if (command === "list") {
    const deadLetters = server
      ? (
          (await (await fetch(`${server}/_local/dead-letters`)).json()) as {
            deadLetters: unknown[];
          }
        ).deadLetters
      : await listDeadLetters(dir);
    console.log(JSON.stringify(deadLetters, null, 2));
    console.log(`${deadLetters.length} dead letter(s)`);
    return 0;
  }
  if (command === "replay") {
    const selection = ids.length > 0 ? ids : undefined;
    if (server) {
      const { status, body } = await postJson(`${server}/_local/dead-letters/replay`, {
        ids: selection,
      });
      console.log(JSON.stringify(body, null, 2));
      return status === 200 ? 0 : 1;
    }
    await requestReplay(dir, selection);
    console.log("Replay requested: it runs when `npm start` next starts.");
    return 0;
  }
  console.error(usage);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    printFailure(error);
    process.exit(1);
  },
);
