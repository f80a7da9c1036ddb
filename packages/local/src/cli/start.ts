import "./environment";
import { join } from "node:path";
import { Auth } from "@sprida/core/auth";
import { DYNAMODB_CREDENTIALS_FILE } from "../dynamodb";
import { watchAncestors } from "../process/watch-ancestors";
import { readConfig } from "../runtime/config";
import { type LocalSystem, startLocalSystem } from "../runtime/local-system";
import { printFailure } from "./print-failure";

/** `npm start`: the whole system on this machine, until Ctrl-C. */
async function main(): Promise<void> {
  const config = readConfig();
  const began = performance.now();
  console.log("Sprida, local runtime (development and evaluation; production runs on AWS)\n");
  let system: LocalSystem | undefined;
  let stopping = false;
  const shutdown = async (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${reason}: stopping…`);
    await system?.stop();
    console.log("Stopped.");
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown("Interrupted"));
  process.on("SIGTERM", () => void shutdown("Terminated"));
  watchAncestors((pid) => void shutdown(`Parent process ${pid} is gone`));

  system = await startLocalSystem(config, {
    seedDemo: true,
    progress: ({ step, state, ms, detail }) => {
      // On a terminal the "…" line is overwritten as the step goes on and when it is ready;
      // in a log, one line per step and one per stage of a long one.
      if (state === "starting") {
        if (process.stdout.isTTY) process.stdout.write(`  … ${step}`);
      } else if (state === "working") {
        if (process.stdout.isTTY) process.stdout.write(`\r\x1b[K  … ${step}: ${detail}`);
        else process.stdout.write(`  … ${step}: ${detail}\n`);
      } else {
        process.stdout.write(`${process.stdout.isTTY ? "\r\x1b[K" : ""}  ✓ ${step} (${ms} ms)\n`);
      }
    },
  });
  if (stopping) return;
  const demo = system.demo;
  const link = demo
    ? await Auth.createSignInLink({ email: demo.ownerEmail, orgId: demo.orgId })
    : undefined;
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  console.log(`
Ready in ${seconds} s. Data is kept in ${config.SPRIDA_DATA_DIR}

  Member hub  ${system.urls.app}
  Admin site  ${system.urls.app}/admin   (owners, admins and curators; after signing in)
  Health      ${system.urls.health}
  Mail inbox  ${system.urls.inbox}
  DynamoDB    ${system.urls.dynamodb}  (access key in ${join(config.SPRIDA_DATA_DIR, DYNAMODB_CREDENTIALS_FILE)})
${
  link && demo
    ? `
  Demo organisation "Demo AB" (${demo.created ? "created now" : "from an earlier start"}), owner ${demo.ownerEmail}:
  Sign in     ${link.url}
              (or code ${link.code}; valid 15 minutes, once. Another: npm run sign-in-link -- <email>)
`
    : ""
}
  Run a job now:     npm run job -- <name>      (npm run job -- --list)
  Weekly e-mails:    npm run job -- weekly      (into the mail inbox above)
  Dead letters:      npm run dlq -- list | replay [id...]
  Stop:              Ctrl-C
`);
}

main().catch((error: unknown) => {
  printFailure(error);
  process.exit(1);
});
