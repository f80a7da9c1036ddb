import "./environment";
import { parseArgs } from "node:util";
import { Auth } from "@sprida/core/auth";
import { readConfig } from "../runtime/config";
import { startLocalSystem } from "../runtime/local-system";
import { printFailure } from "./print-failure";
import { messageOf, postJson, runningServer } from "./running-server";

const usage = "Usage: npm run sign-in-link -- <email> [--org <orgId>]";

/** Local only: prints a sign-in link and code for any active member, without e-mail. */
async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { org: { type: "string" } },
  });
  const email = positionals[0];
  if (!email) {
    console.error(usage);
    return 2;
  }
  const request = { email, orgId: values.org };
  const server = await runningServer();
  let link: unknown;
  if (server) {
    const { status, body } = await postJson(`${server}/_local/sign-in-link`, request);
    if (status !== 200) {
      console.error(messageOf(body));
      return 1;
    }
    link = body;
  } else {
    const system = await startLocalSystem(readConfig(), { http: false, schedules: false });
    try {
      link = await Auth.createSignInLink(request);
    } finally {
      await system.stop();
    }
  }
  const { url, code, expiresAt } = link as { url: string; code: string; expiresAt: string };
  console.log(`Sign in:  ${url}\nCode:     ${code}\nExpires:  ${expiresAt}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    printFailure(error);
    process.exit(1);
  },
);
