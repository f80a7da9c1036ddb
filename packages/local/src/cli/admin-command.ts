import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { DomainError } from "@sprida/core/error";
import { PublicOrigin } from "@sprida/core/org";
import { Runtime } from "@sprida/core/runtime";
import { z } from "zod";
import { JavaMissingError, PortInUseError } from "../dynamodb";
import { readConfig } from "../runtime/config";
import { startLocalSystem } from "../runtime/local-system";
import {
  type CreatedOrganisation,
  CreateOrganisationInput,
  createOrganisation,
  PartlyDoneError,
} from "./create-organisation";
import { RECOUNT_USAGE, runRecountTally } from "./recount-tally-command";
import { postJson, runningServer } from "./running-server";
import {
  publicOriginSource,
  Region,
  StageName,
  StageSetupError,
  type StageTarget,
  stageRegion,
  stageResources,
  stageRuntime,
} from "./stage-runtime";

export const USAGE = `Usage: npm run admin -- create-organisation --name <name> --owner-email <email> [options]

Creates an organisation and its owner, and sends the owner a sign-in e-mail.

  --name <name>              the organisation's name, e.g. "Acme AB"
  --owner-email <email>      the owner's e-mail address
  --owner-name <name>        the owner's display name (optional)
  --locale sv|en             the organisation's language (default sv)
  --time-zone <zone>         an IANA time zone, its local days (default Europe/Stockholm)
  --guidelines-file <path>   version 1 of its social media guidelines, UTF-8 text (default: a
                             short general text in its language, to replace in the admin site)

Where (default: this machine's local runtime, through the running \`npm start\` if there is one):
  --stage <stage>            a deployed AWS stage, with your AWS credentials (the SDK's default chain)
  --region <region>          its region (default SPRIDA_REGION, else eu-north-1)
  --mail-from <address>      its sender as deployed (default SPRIDA_MAIL_FROM)
  --public-origin <origin>   its public origin (default SPRIDA_PUBLIC_ORIGIN, else https:// and the
                             first name of SPRIDA_DOMAIN, else SSM /sprida/<stage>/public-origin)

The owner is an active member at once, having accepted version 1 of the guidelines, and gets a
sign-in e-mail (a link and a code, valid 15 minutes; another from the /sign-in page). Locally the
link is printed too.

Run again: if the owner's address already belongs to an organisation of that name (letter case
aside), nothing is changed and the command exits 1 naming it. Another name makes another
organisation with the same owner.

Exit codes: 0 done, 1 refused or failed, 2 bad input.`;

/** Where the output goes; tests collect it. */
export interface Output {
  log(line: string): void;
  error(line: string): void;
}

const Options = z.strictObject({
  name: z.string({ error: "--name is required" }),
  "owner-email": z.string({ error: "--owner-email is required" }),
  "owner-name": z.string().optional(),
  locale: z.string().optional(),
  "time-zone": z.string().optional(),
  "guidelines-file": z.string().optional(),
  stage: StageName.optional(),
  region: Region.optional(),
  "mail-from": z.email().optional(),
  "public-origin": PublicOrigin.optional(),
});

class BadInput extends Error {}

/** `npm run admin -- <command> …`; answers the exit code. */
export async function runAdmin(
  argv: string[],
  out: Output = { log: console.log, error: console.error },
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (argv[0] === "recount-tally") {
    try {
      return await runRecountTally(argv.slice(1), out, env);
    } catch (error) {
      return reportFailure(error, out);
    }
  }
  try {
    const { command, options } = parseCommandLine(argv);
    if (command === "help") {
      out.log(`${USAGE}\n\n${RECOUNT_USAGE}`);
      return 0;
    }
    const input = await organisationInput(options);
    if (options.stage) return await onStage(input, stageTarget(options, env), out);
    return await onLocalRuntime(input, out);
  } catch (error) {
    return reportFailure(error, out);
  }
}

function parseCommandLine(argv: string[]) {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw new BadInput((error as Error).message);
  }
  const { positionals, values } = parsed;
  if (values.help || positionals.length === 0) return { command: "help" as const, options: {} };
  if (positionals[0] !== "create-organisation" || positionals.length > 1) {
    throw new BadInput(
      `Unknown command "${positionals.join(" ")}"; the commands are create-organisation and recount-tally`,
    );
  }
  const { help: _, ...rest } = values;
  const options = Options.safeParse(rest);
  if (!options.success) throw new BadInput(z.prettifyError(options.error));
  if (!options.data.stage) {
    const stageOnly = (["region", "mail-from", "public-origin"] as const).filter(
      (option) => options.data[option] !== undefined,
    );
    if (stageOnly.length > 0) {
      throw new BadInput(
        `${stageOnly.map((option) => `--${option}`).join(", ")}: only with --stage`,
      );
    }
  }
  return { command: "create-organisation" as const, options: options.data };
}

function parseOptions(argv: string[]) {
  const text = { type: "string" } as const;
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: "boolean", short: "h" },
      name: text,
      "owner-email": text,
      "owner-name": text,
      locale: text,
      "time-zone": text,
      "guidelines-file": text,
      stage: text,
      region: text,
      "mail-from": text,
      "public-origin": text,
    },
  });
}

type Options = z.infer<typeof Options>;

/** The input, checked whole before anything is written, with the flags' names in the errors. */
async function organisationInput(options: Options): Promise<CreateOrganisationInput> {
  let guidelines: string | undefined;
  if (options["guidelines-file"]) {
    try {
      guidelines = await readFile(options["guidelines-file"], "utf8");
    } catch (error) {
      throw new BadInput(`--guidelines-file: ${(error as Error).message}`);
    }
  }
  const input = {
    name: options.name,
    ownerEmail: options["owner-email"],
    ownerName: options["owner-name"],
    locale: options.locale,
    timeZone: options["time-zone"],
    guidelines,
  };
  const parsed = CreateOrganisationInput.safeParse(input);
  if (!parsed.success) {
    const flags: Record<string, string> = {
      name: "--name",
      ownerEmail: "--owner-email",
      ownerName: "--owner-name",
      locale: "--locale",
      timeZone: "--time-zone",
      guidelines: "--guidelines-file",
    };
    throw new BadInput(
      parsed.error.issues
        .map((issue) => `✖ ${flags[String(issue.path[0])] ?? "input"}: ${issue.message}`)
        .join("\n"),
    );
  }
  return parsed.data;
}

function stageTarget(options: Options, env: NodeJS.ProcessEnv): StageTarget {
  const stage = options.stage ?? "";
  const mailFrom = z.email().safeParse(options["mail-from"] ?? env.SPRIDA_MAIL_FROM?.trim());
  if (!mailFrom.success) {
    throw new BadInput(
      "--mail-from (or SPRIDA_MAIL_FROM): the stage's sender address as deployed is required " +
        "with --stage; no stage resource names it",
    );
  }
  const region = Region.safeParse(stageRegion(options.region, env));
  if (!region.success) throw new BadInput(`SPRIDA_REGION: ${region.error.issues[0]?.message}`);
  const source = publicOriginSource(options["public-origin"], env, stageResources(stage));
  if ("origin" in source && !PublicOrigin.safeParse(source.origin).success) {
    throw new BadInput(`The public origin "${source.origin}" is not an https origin`);
  }
  return { stage, region: region.data, mailFrom: mailFrom.data, source };
}

async function onStage(
  input: CreateOrganisationInput,
  target: StageTarget,
  out: Output,
): Promise<number> {
  const resources = stageResources(target.stage);
  out.log(`Stage ${target.stage} in ${target.region}, with your AWS credentials:`);
  out.log(`  table ${resources.tableName}, bus ${resources.eventBusName}`);
  out.log(
    `  mail from ${target.mailFrom} through configuration set ${resources.mailConfigurationSet}`,
  );
  const runtime = await stageRuntime(target);
  out.log(`  public origin ${runtime.publicOrigin}`);
  Runtime.provide(runtime);
  const created = await createOrganisation(input, { progress: out.log });
  printCreated(created, out);
  return 0;
}

/**
 * Locally as `npm run job` and `npm run sign-in-link` do it: through the running `npm start`
 * (its database, bus and inbox), else in a runtime of its own.
 */
async function onLocalRuntime(input: CreateOrganisationInput, out: Output): Promise<number> {
  const server = await runningServer();
  if (server) {
    out.log(`Creating the organisation through the running npm start at ${server}…`);
    const { status, body } = await postJson(`${server}/_local/organisations`, input);
    if (status !== 200) {
      const { code, message } =
        (body as { error?: { code?: string; message?: string } }).error ?? {};
      out.error(message ?? JSON.stringify(body));
      return status === 400 || code === "invalid_input" ? 2 : 1;
    }
    printCreated(body as CreatedOrganisation, out);
    out.log(`  Mail inbox    http://localhost:${readConfig().SPRIDA_MAIL_PORT}/`);
    return 0;
  }
  out.log(
    "No running `npm start` found: starting the local runtime for this command… (its e-mail " +
      "goes to a temporary inbox and is printed here; start `npm start` first to read it there)",
  );
  const system = await startLocalSystem(readConfig(), { http: false, schedules: false });
  try {
    const created = await createOrganisation(input, { signInLink: true, progress: out.log });
    await system.bus.drain(30_000);
    printCreated(created, out);
    return 0;
  } finally {
    await system.stop();
  }
}

function printCreated(created: CreatedOrganisation, out: Output): void {
  out.log("");
  out.log(
    `  Organisation  ${created.orgId}  "${created.name}" (${created.locale}, ${created.timeZone})`,
  );
  out.log(`  Owner         ${created.ownerMemberId}  ${created.ownerEmail}`);
  out.log(
    created.defaultGuidelines
      ? "  Guidelines    version 1 is a general default: publish your own in the admin site"
      : "  Guidelines    version 1 from --guidelines-file",
  );
  out.log(`  Sign-in e-mail sent to ${created.ownerEmail}`);
  if (created.signInLink) {
    out.log(`  Sign in       ${created.signInLink.url}`);
    out.log(
      `                (or code ${created.signInLink.code}; valid until ${created.signInLink.expiresAt}, once)`,
    );
  }
}

function reportFailure(error: unknown, out: Output): number {
  if (error instanceof BadInput) {
    out.error(`${error.message}\n\n${USAGE.split("\n")[0]}\n(npm run admin -- --help for more)`);
    return 2;
  }
  if (error instanceof DomainError) {
    out.error(error.message);
    return error.kind === "invalid" ? 2 : 1;
  }
  if (
    error instanceof StageSetupError ||
    error instanceof PartlyDoneError ||
    error instanceof JavaMissingError ||
    error instanceof PortInUseError
  ) {
    out.error(error.message);
    return 1;
  }
  const aws = awsErrorIn(error);
  if (aws) {
    out.error(`AWS: ${aws.name}: ${aws.message} (check the credentials, region and stage)`);
    return 1;
  }
  out.error(
    `The command failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return 1;
}

/**
 * An AWS SDK error (a service's answer, or no credentials) on the cause chain: ElectroDB wraps
 * them. Credentials, permissions and the wrong region are the operator's to fix, in one line.
 */
function awsErrorIn(error: unknown): Error | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    if ("$metadata" in current || current.name === "CredentialsProviderError") return current;
  }
  return undefined;
}
