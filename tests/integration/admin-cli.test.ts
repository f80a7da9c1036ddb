import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Auth } from "@sprida/core/auth";
import { Member } from "@sprida/core/member";
import { Org } from "@sprida/core/org";
import { Person } from "@sprida/core/person";
import { Tally } from "@sprida/core/tally";
import type { LocalSystem } from "@sprida/local/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgered, TestLink } from "../../packages/core/src/tally/test-support";
import { runAdmin } from "../../packages/local/src/cli/admin-command";
import { eventually } from "../helpers/eventually";
import { startTestSystem } from "../helpers/local-system";

const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));

interface StoredMail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string };
}

/** `npm run admin -- <argv>` in this process, with what it printed. */
async function admin(...argv: string[]) {
  const log: string[] = [];
  const error: string[] = [];
  const code = await runAdmin(argv, {
    log: (line) => log.push(line),
    error: (line) => error.push(line),
  });
  return { code, out: log.join("\n"), err: error.join("\n") };
}

const unique = () => randomUUID().slice(0, 8);

describe("npm run admin -- create-organisation, against the running local system", () => {
  let system: LocalSystem;
  let origin: string;

  /** Every e-mail the system's inbox holds for `address`. */
  const mailTo = async (address: string): Promise<StoredMail[]> => {
    const inbox = system.urls.inbox.replace("localhost", "127.0.0.1");
    const { emails } = (await (await fetch(new URL("/store", inbox))).json()) as {
      emails: StoredMail[];
    };
    return emails.filter((mail) => mail.destination.to.includes(address));
  };

  const membershipsOf = async (email: string) => {
    const person = await Person.findByEmail(email);
    return person ? Member.membershipsOfPerson(person.personId) : [];
  };

  beforeAll(async () => {
    let base: string;
    ({ system, base } = await startTestSystem());
    origin = system.urls.app;
    // The command finds a running `npm start` on SPRIDA_PORT, as it does on a laptop.
    process.env.SPRIDA_PORT = new URL(base).port;
  });
  afterAll(() => system?.stop());

  it("creates the organisation and its active owner, and mails the owner a sign-in link that works", async () => {
    const id = unique();
    const email = `olga-${id}@acme.example`;
    const name = `Acme ${id} AB`;

    const { code, out, err } = await admin(
      "create-organisation",
      "--name",
      name,
      "--owner-email",
      `Olga-${id}@ACME.example`,
      "--owner-name",
      "Olga",
      "--locale",
      "en",
      "--time-zone",
      "America/New_York",
    );

    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toContain("through the running npm start");
    expect(out).toContain(`Sign-in e-mail sent to ${email}`);
    const orgId = /Organisation {2}(\S+)/.exec(out)?.[1] ?? "";
    const ownerMemberId = /Owner {9}(\S+)/.exec(out)?.[1] ?? "";

    const org = await Org.get(orgId);
    expect(org).toMatchObject({ name, locale: "en", timeZone: "America/New_York" });
    expect(org.guidelines?.version).toBe(1);
    expect(org.guidelines?.text).toContain(`Make clear that you work at ${name}`);
    expect(await membershipsOf(email)).toEqual([
      expect.objectContaining({ orgId, memberId: ownerMemberId, role: "owner", status: "active" }),
    ]);
    expect(await Member.get(orgId, ownerMemberId)).toMatchObject({
      displayName: "Olga",
      role: "owner",
      guidelinesAccepted: { version: 1 },
    });

    // The printed link, like `npm run sign-in-link`, and the e-mail's own.
    expect(out).toMatch(new RegExp(`Sign in {7}${origin}/sign-in\\?token=`));
    const [mail] = await eventually(async () => {
      const mails = await mailTo(email);
      return mails.length > 0 ? mails : undefined;
    });
    expect(mail?.subject).toBe(`Sign in to ${name}`);
    const token = new RegExp(`${origin}/sign-in\\?token=([A-Za-z0-9_-]+)`).exec(
      mail?.body.text ?? "",
    )?.[1];
    const { session } = await Auth.signInWithLink({ token: token ?? "", clientKey: "admin-cli" });
    expect(session).toMatchObject({ orgId, memberId: ownerMemberId, role: "owner" });
  });

  it("refuses a second run for the same owner and name (letter case aside) and changes nothing; another name makes another", async () => {
    const id = unique();
    const email = `olle-${id}@acme.example`;
    const create = (name: string) =>
      admin("create-organisation", "--name", name, "--owner-email", email);
    const first = await create(`Acme ${id}`);
    expect(first.code).toBe(0);
    const orgId = /Organisation {2}(\S+)/.exec(first.out)?.[1];
    await eventually(async () => ((await mailTo(email)).length === 1 ? true : undefined));

    const again = await create(`ACME ${id}`);

    expect(again.code).toBe(1);
    expect(again.err).toContain(`${email} already belongs to "Acme ${id}"`);
    expect(again.err).toContain(`organisation ${orgId}`);
    expect(again.err).toContain("Nothing was changed");
    expect(await membershipsOf(email)).toHaveLength(1);
    expect(await mailTo(email)).toHaveLength(1);

    const other = await create(`Acme ${id} Oy`);
    expect(other.code).toBe(0);
    expect((await membershipsOf(email)).map(({ role, status }) => [role, status])).toEqual([
      ["owner", "active"],
      ["owner", "active"],
    ]);
  });

  it("says what is wrong with bad input, exits 2 and writes nothing", async () => {
    const email = `nobody-${unique()}@acme.example`;

    const bad = await admin(
      "create-organisation",
      "--name",
      "Acme AB",
      "--owner-email",
      email,
      "--locale",
      "de",
      "--time-zone",
      "Mars/Olympus_Mons",
    );

    expect(bad.code).toBe(2);
    expect(bad.err).toContain('✖ --locale: Invalid option: expected one of "sv"|"en"');
    expect(bad.err).toContain("✖ --time-zone: Not a known IANA time zone");
    expect(await Person.findByEmail(email)).toBeUndefined();

    for (const argv of [
      ["create-organisation", "--owner-email", email],
      ["create-organisation", "--name", "Acme AB", "--owner-email", "not-an-address"],
      ["create-organisation", "--name", "Acme AB", "--owner-email", email, "--colour", "red"],
      ["create-organisation", "--name", "Acme AB", "--owner-email", email, "--region", "eu-west-1"],
      ["create-organization", "--name", "Acme AB", "--owner-email", email],
    ]) {
      const { code, err } = await admin(...argv);
      expect({ argv, code }).toEqual({ argv, code: 2 });
      expect(err).toMatch(
        /--name is required|--owner-email|--colour|only with --stage|Unknown command/,
      );
    }
    expect(await Person.findByEmail(email)).toBeUndefined();
  });

  it("publishes --guidelines-file as version 1", async () => {
    const id = unique();
    const file = join(await mkdtemp(join(tmpdir(), "sprida-admin-")), "guidelines.txt");
    await writeFile(file, "Riktlinjer\n\n1. Dela det du står för.\n");

    const { code, out } = await admin(
      "create-organisation",
      "--name",
      `Dela ${id}`,
      "--owner-email",
      `dela-${id}@acme.example`,
      "--guidelines-file",
      file,
    );

    expect(code).toBe(0);
    expect(out).toContain("version 1 from --guidelines-file");
    const org = await Org.get(/Organisation {2}(\S+)/.exec(out)?.[1] ?? "");
    expect(org).toMatchObject({ locale: "sv", timeZone: "Europe/Stockholm" });
    expect(org.guidelines).toMatchObject({
      version: 1,
      text: "Riktlinjer\n\n1. Dela det du står för.",
    });
  });

  it("prints its usage for npm run admin -- --help", async () => {
    const { stdout } = await promisify(execFile)(
      "npm",
      ["run", "--silent", "admin", "--", "--help"],
      {
        cwd: repositoryRoot,
      },
    );
    expect(stdout).toMatch(/^Usage: npm run admin -- create-organisation --name <name>/);
    expect(stdout).toContain("Exit codes: 0 done, 1 refused or failed, 2 bad input.");
  }, 60_000);

  it("recounts a tally from the ledger: a dry run lists the differences, --apply corrects them", async () => {
    const org = await Org.create({
      name: `Recount ${unique()}`,
      locale: "en",
      timeZone: "Europe/Stockholm",
    });
    const link = new TestLink(org.orgId, "m1", "c1");
    const day = "2026-11-23";
    const applied = [link.created(day), link.click(day, "human")];
    const missed = [link.click(day, "human"), link.click(day, "bot")];
    await ledgered([...applied, ...missed], "cli");
    await Tally.applyBatch(applied);

    const args = ["recount-tally", "--org", org.orgId, "--from", day, "--to", day];
    const dryRun = await admin(...args);
    expect(dryRun.code).toBe(1);
    expect(dryRun.out).toContain(`${day} org all: rawClicks +2, botClicks +1, humanClicks +1`);
    expect(dryRun.out).toContain("Nothing written");
    expect((await Tally.orgDay(org.orgId, day)).rawClicks).toBe(1);

    expect((await admin(...args, "--apply")).code).toBe(0);
    expect(await Tally.orgDay(org.orgId, day)).toMatchObject({
      rawClicks: 3,
      botClicks: 1,
      humanClicks: 2,
    });
    const again = await admin(...args);
    expect(again.code).toBe(0);
    expect(again.out).toContain("0 row(s) differ");

    const bad = await admin(
      "recount-tally",
      "--org",
      org.orgId,
      "--from",
      day,
      "--to",
      "2026-11-01",
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/from must not be after to/);
  });
});
