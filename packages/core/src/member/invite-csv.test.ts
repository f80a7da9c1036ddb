import { beforeAll, describe, expect, it } from "vitest";
import { provideTestRuntime } from "../../../../tests/helpers/runtime";
import { acceptInvite } from "./accept";
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
});
