import { parse } from "csv-parse/sync";
import { z } from "zod";
import { DomainError, Errors } from "../error";
import { parseInput } from "../error/parse-input";
import { Org } from "../org";
import { inviteInto, inviterRoleOf, type ParsedInvite } from "./invite";
import { DisplayName, Email, InvitedBy, Role, Segment } from "./member.schema";

export const MAX_CSV_ROWS = 1000;
const CONCURRENCY = 4;

/** Accepted header names (compared lower-cased, without spaces, "-" or "_"), English and Swedish. */
const COLUMNS: Record<string, keyof CsvRow> = {
  email: "email",
  epost: "email",
  displayname: "displayName",
  name: "displayName",
  namn: "displayName",
  role: "role",
  roll: "role",
  office: "office",
  kontor: "office",
  unit: "unit",
  enhet: "unit",
  competencearea: "competenceArea",
  kompetensområde: "competenceArea",
};

interface CsvRow {
  email?: string;
  displayName?: string;
  role?: string;
  office?: string;
  unit?: string;
  competenceArea?: string;
}

export const InviteCsvInput = z.strictObject({
  orgId: z.string().min(1),
  csv: z.string().max(2_000_000),
  invitedBy: InvitedBy,
});
export type InviteCsvInput = z.input<typeof InviteCsvInput>;

export interface CsvRowResult {
  /** The line of the file the record ends on; the header is line 1. */
  row: number;
  email: string;
  outcome: "invited" | "already_member" | "error";
  message?: string;
  memberId?: string;
  /** For "invited" rows: the secret for the join link, for the caller to mail. */
  inviteToken?: string;
}

const RowSchema = z.object({
  email: Email,
  displayName: DisplayName.optional(),
  role: z.string().trim().toLowerCase().pipe(Role).default("member"),
  segment: Segment,
});

/**
 * Invites every valid row of a CSV file and reports each row: invalid rows (a bad address,
 * an unknown role, a repeated address) are reported and the others still invited. Cells are
 * taken as text exactly as written; a cell that looks like a spreadsheet formula stays text
 * (exports guard such cells when they write CSV).
 */
export async function inviteCsv(input: InviteCsvInput): Promise<CsvRowResult[]> {
  const { orgId, csv, invitedBy } = parseInput(InviteCsvInput, input);
  const records = parseCsv(csv);
  const org = await Org.get(orgId);
  const inviterRole = await inviterRoleOf(orgId, invitedBy);

  const firstRowOf = new Map<string, number>();
  const tasks = records.map(({ record, row }) => {
    const parsed = RowSchema.safeParse({
      email: record.email ?? "",
      displayName: record.displayName,
      role: record.role,
      segment: {
        office: record.office,
        unit: record.unit,
        competenceArea: record.competenceArea,
      },
    });
    const email = (record.email ?? "").trim();
    if (!parsed.success) return () => Promise.resolve(rowError(row, email, parsed.error));
    const first = firstRowOf.get(parsed.data.email);
    if (first !== undefined) {
      const message = `The same address as row ${first}.`;
      return () => Promise.resolve<CsvRowResult>({ row, email, outcome: "error", message });
    }
    firstRowOf.set(parsed.data.email, row);
    const invite: ParsedInvite = { ...parsed.data, orgId, invitedBy, expiresInDays: 14 };
    return () => inviteRow(row, email, () => inviteInto(org, invite, inviterRole));
  });
  return runWithConcurrency(tasks, CONCURRENCY);
}

function parseCsv(csv: string): { record: CsvRow; row: number }[] {
  let parsed: { record: Record<string, string>; info: { lines: number } }[];
  try {
    parsed = parse(csv, {
      bom: true,
      columns: (header: string[]) => {
        const columns = header.map(columnOf);
        if (!columns.includes("email")) {
          throw Errors.invalid("csv_no_email_column", "The CSV file needs an email column.");
        }
        return columns;
      },
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      to: MAX_CSV_ROWS + 1,
    });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const message = error instanceof Error ? error.message : "unreadable";
    throw Errors.invalid("csv_malformed", `The CSV file could not be read: ${message}`);
  }
  if (parsed.length > MAX_CSV_ROWS) {
    throw Errors.invalid(
      "csv_too_many_rows",
      `A CSV file can invite at most ${MAX_CSV_ROWS} rows.`,
    );
  }
  return parsed.map(({ record, info }) => ({
    record: Object.fromEntries(
      Object.entries(record).filter(([, value]) => value !== ""),
    ) as CsvRow,
    row: info.lines,
  }));
}

function columnOf(header: string): string {
  const column =
    COLUMNS[
      header
        .trim()
        .toLowerCase()
        .replace(/[\s_-]/g, "")
    ];
  if (!column) {
    throw Errors.invalid(
      "csv_unknown_column",
      `Unknown column "${header.slice(0, 40)}". Use: email, displayName, role, office, unit, competenceArea.`,
    );
  }
  return column;
}

function rowError(row: number, email: string, error: z.ZodError): CsvRowResult {
  const issue = error.issues[0];
  const field = issue?.path[0];
  const message =
    field === "email"
      ? "Not a valid e-mail address."
      : field === "role"
        ? "The role must be owner, admin, curator or member."
        : `${issue?.path.map(String).join(".")}: ${issue?.message}`;
  return { row, email, outcome: "error", message };
}

async function inviteRow(
  row: number,
  email: string,
  invite: () => ReturnType<typeof inviteInto>,
): Promise<CsvRowResult> {
  try {
    const { member, inviteToken } = await invite();
    return { row, email, outcome: "invited", memberId: member.memberId, inviteToken };
  } catch (error) {
    if (!(error instanceof DomainError)) {
      return {
        row,
        email,
        outcome: "error",
        message: "Could not be invited now. Try this row again.",
      };
    }
    const outcome = error.code === "already_member" ? "already_member" : "error";
    return { row, email, outcome, message: error.message };
  }
}

async function runWithConcurrency<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      const task = tasks[index];
      if (task) results[index] = await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
