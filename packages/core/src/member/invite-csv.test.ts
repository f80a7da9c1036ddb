import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { Person } from "../person";
import { acceptInvite } from "./accept";
import { currentCounts } from "./counts";
import { invite } from "./invite";

const membershipsOf = async (email: string) =>
  (await Person.findWithMemberships((await Person.findByEmail(email))?.personId ?? ""))
    ?.memberships;

import { inviteCsv, MAX_CSV_ROWS } from "./invite-csv";
import { SYSTEM_ACTOR } from "./member.schema";
import { get } from "./read";
import { join, newOrg, uniqueEmail } from "./test-support";

describe("inviting from a CSV file", () => {
  beforeAll(() => provideTestRuntime());

  it("reports every row: invited, already a member, or the error; valid rows are still invited", async () => {
    const org = await newOrg();
    const existing = await join(org.orgId);
    const [a, b, c] = [uniqueEmail("a"), uniqueEmail("b"), uniqueEmail("c")];
    const csv = [
      "email,displayName,role,office,unit,competenceArea",
      `${a},Anna,admin,Malmö,Sales,Cloud`,
      "not-an-address,Nobody,,,,",
      `${existing.email},Existing,,,,`,
      `${b},Bo,boss,,,`,
      "",
      `${c},"Cecilia, ""CJ""",,Lund,,`,
      `${a.toUpperCase()},Anna again,,,,`,
    ].join("\n");
    const rows = await inviteCsv({ orgId: org.orgId, csv, invitedBy: SYSTEM_ACTOR });
    expect(rows.map(({ row, outcome }) => ({ row, outcome }))).toEqual([
      { row: 2, outcome: "invited" },
      { row: 3, outcome: "error" },
      { row: 4, outcome: "already_member" },
      { row: 5, outcome: "error" },
      { row: 7, outcome: "invited" },
      { row: 8, outcome: "error" },
    ]);
    expect(rows[1]?.message).toBe("Not a valid e-mail address.");
    expect(rows[3]?.message).toMatch(/role must be/);
    expect(rows[5]?.message).toBe("The same address as row 2.");
    const anna = await get(org.orgId, rows[0]?.memberId ?? "");
    expect(anna).toMatchObject({
      email: a,
      displayName: "Anna",
      role: "admin",
      segment: { office: "Malmö", unit: "Sales", competenceArea: "Cloud" },
    });
    const cecilia = await get(org.orgId, rows[4]?.memberId ?? "");
    expect(cecilia).toMatchObject({
      displayName: 'Cecilia, "CJ"',
      role: "member",
      segment: { office: "Lund" },
    });
    // The tokens returned work.
    const token = rows[0]?.inviteToken ?? "";
    expect((await acceptInvite({ token, guidelinesVersion: 1 })).memberId).toBe(anna.memberId);
  });

  it("reports a display name that would show as nothing or reorder text, normalises the rest to NFC", async () => {
    // Prepare
    const org = await newOrg();
    const [a, b, c] = [uniqueEmail("a"), uniqueEmail("b"), uniqueEmail("c")];
    const csv = [
      "email,displayName",
      `${a},\u200B`,
      `${b},Eve \u202Enimda`,
      `${c},Ma\u0308rta`,
    ].join("\n");

    // Act
    const rows = await inviteCsv({ orgId: org.orgId, csv, invitedBy: SYSTEM_ACTOR });

    // Assess
    expect(rows).toMatchObject([
      {
        row: 2,
        outcome: "error",
        message: "displayName: The text must contain a visible character",
      },
      {
        row: 3,
        outcome: "error",
        message: "displayName: The text contains a bidirectional control character (U+202E)",
      },
      { row: 4, outcome: "invited" },
    ]);
    expect((await get(org.orgId, rows[2]?.memberId ?? "")).displayName).toBe("M\u00e4rta");
    expect(await membershipsOf(a)).toBeUndefined();
  });

  it("keeps cells that look like spreadsheet formulas as plain text", async () => {
    const org = await newOrg();
    const email = uniqueEmail();
    const csv = `email,displayName\n${email},"=HYPERLINK(""http://evil.example"",""x"")"\n`;
    const [row] = await inviteCsv({ orgId: org.orgId, csv, invitedBy: SYSTEM_ACTOR });
    expect(row?.outcome).toBe("invited");
    expect((await get(org.orgId, row?.memberId ?? "")).displayName).toBe(
      '=HYPERLINK("http://evil.example","x")',
    );
    const [plus] = await inviteCsv({
      orgId: org.orgId,
      csv: `email,displayName,unit\n${uniqueEmail()},+1+2,@SUM(A1)\n`,
      invitedBy: SYSTEM_ACTOR,
    });
    expect(await get(org.orgId, plus?.memberId ?? "")).toMatchObject({
      displayName: "+1+2",
      segment: { unit: "@SUM(A1)" },
    });
  });

  it("accepts Swedish headers and a byte-order mark", async () => {
    const org = await newOrg();
    const email = uniqueEmail();
    const rows = await inviteCsv({
      orgId: org.orgId,
      csv: `\uFEFFE-post,Namn,Roll,Kontor\n${email},Åsa,curator,Göteborg\n`,
      invitedBy: SYSTEM_ACTOR,
    });
    expect(rows).toMatchObject([{ row: 2, outcome: "invited", email }]);
    expect(await get(org.orgId, rows[0]?.memberId ?? "")).toMatchObject({
      displayName: "Åsa",
      role: "curator",
      segment: { office: "Göteborg" },
    });
  });

  it("refuses a whole file that cannot be read, has unknown or missing columns, or is too long", async () => {
    const org = await newOrg();
    const call = (csv: string) => inviteCsv({ orgId: org.orgId, csv, invitedBy: SYSTEM_ACTOR });
    await expect(call('email\n"unterminated@example.test')).rejects.toMatchObject({
      kind: "invalid",
      code: "csv_malformed",
    });
    await expect(call("email,salary\na@example.test,1")).rejects.toMatchObject({
      code: "csv_unknown_column",
    });
    await expect(call("displayName\nAnna")).rejects.toMatchObject({ code: "csv_no_email_column" });
    const tooMany = [
      "email",
      ...Array.from({ length: MAX_CSV_ROWS + 1 }, (_, i) => `p${i}@example.test`),
    ];
    await expect(call(tooMany.join("\n"))).rejects.toMatchObject({ code: "csv_too_many_rows" });
  });

  it("follows the role rules: an admin's file cannot make owners", async () => {
    const org = await newOrg();
    const admin = await join(org.orgId, "admin");
    const plain = await join(org.orgId, "member");
    const email = uniqueEmail();
    const rows = await inviteCsv({
      orgId: org.orgId,
      csv: `email,role\n${email},owner\n${uniqueEmail()},member\n`,
      invitedBy: admin.memberId,
    });
    expect(rows.map((row) => row.outcome)).toEqual(["error", "invited"]);
    expect(rows[0]?.message).toMatch(/owner/i);
    await expect(
      inviteCsv({ orgId: org.orgId, csv: `email\n${uniqueEmail()}\n`, invitedBy: plain.memberId }),
    ).rejects.toMatchObject({ kind: "forbidden" });
  });

  it.each([
    ["comma", ","],
    ["semicolon (Excel in Sweden)", ";"],
    ["tab", "\t"],
  ])(
    "reads a %s-separated file, with a byte-order mark and quoted cells holding the other separators",
    async (_, separator) => {
      const org = await newOrg();
      const email = uniqueEmail();
      const header = ["email", "displayName", "role", "office"].join(separator);
      // The tab goes in the office: a display name is one line, so a tab there is refused.
      const cells = [email, '"Berg; Anna, jr"', "curator", '"Lund;Malmö,\tYstad"'].join(separator);
      const rows = await inviteCsv({
        orgId: org.orgId,
        csv: `\uFEFF${header}\r\n${cells}\r\n`,
        invitedBy: SYSTEM_ACTOR,
      });
      expect(rows).toMatchObject([{ row: 2, outcome: "invited", email }]);
      expect(await get(org.orgId, rows[0]?.memberId ?? "")).toMatchObject({
        displayName: "Berg; Anna, jr",
        role: "curator",
        segment: { office: "Lund;Malmö,\tYstad" },
      });
    },
  );

  it("reports a row with more filled cells than the header has columns, and invites the rest", async () => {
    const org = await newOrg();
    const [a, b, c] = [uniqueEmail("a"), uniqueEmail("b"), uniqueEmail("c")];
    const rows = await inviteCsv({
      orgId: org.orgId,
      // Row 3's name holds the separator unquoted; row 4 is padded with empty cells, as Excel does.
      csv: `email;displayName\n${a};Anna\n${b};Berg; Bo\n${c};Cecilia;;\n`,
      invitedBy: SYSTEM_ACTOR,
    });
    expect(rows.map(({ row, outcome }) => ({ row, outcome }))).toEqual([
      { row: 2, outcome: "invited" },
      { row: 3, outcome: "error" },
      { row: 4, outcome: "invited" },
    ]);
    expect(rows[1]?.message).toMatch(/3 columns but the header has 2/);
  });

  it("invites many rows (several transactions) with the same per-row outcomes and counts", async () => {
    const org = await newOrg();
    const member = await join(org.orgId);
    const pending = await invite({
      orgId: org.orgId,
      email: uniqueEmail("p"),
      invitedBy: SYSTEM_ACTOR,
    });
    const elsewhere = await join((await newOrg()).orgId);
    const fresh = Array.from({ length: 45 }, (_, i) => uniqueEmail(`n${i}`));
    const csv = ["email", member.email, pending.member.email, elsewhere.email, ...fresh].join("\n");
    const rows = await inviteCsv({ orgId: org.orgId, csv, invitedBy: SYSTEM_ACTOR });
    expect(rows.slice(0, 3).map(({ outcome }) => outcome)).toEqual([
      "already_member",
      "invited",
      "invited",
    ]);
    expect(rows.slice(3).every(({ outcome }) => outcome === "invited")).toBe(true);
    // The pending invitation got a new token on the same membership; the old one stops working.
    expect(rows[1]?.memberId).toBe(pending.member.memberId);
    expect(rows[1]?.inviteToken).not.toBe(pending.inviteToken);
    // Someone who is a member elsewhere keeps one person with two memberships.
    expect(await membershipsOf(elsewhere.email)).toBe(2);
    expect(await currentCounts(org.orgId)).toMatchObject({ active: 1, invited: 47 });
    const last = rows.at(-1);
    const token = last?.inviteToken ?? "";
    expect((await acceptInvite({ token, guidelinesVersion: 1 })).memberId).toBe(last?.memberId);
  });

  it("two imports of the same file at once invite each address once and count it once", async () => {
    const org = await newOrg();
    const emails = Array.from({ length: 40 }, (_, i) => uniqueEmail(`r${i}`));
    const csv = ["email", ...emails].join("\n");
    const [first, second] = await Promise.all(
      [1, 2].map(() => inviteCsv({ orgId: org.orgId, csv, invitedBy: SYSTEM_ACTOR })),
    );
    expect([...(first ?? []), ...(second ?? [])].every((row) => row.outcome === "invited")).toBe(
      true,
    );
    emails.forEach((_, i) => {
      expect(second?.[i]?.memberId).toBe(first?.[i]?.memberId);
    });
    expect(await currentCounts(org.orgId)).toMatchObject({ invited: 40 });
    for (const email of emails.slice(0, 5)) {
      expect(await membershipsOf(email)).toBe(1);
    }
  });
});
