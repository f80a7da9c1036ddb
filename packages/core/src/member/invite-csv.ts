import { z } from "zod";
import { DomainError, parseInput } from "../error";
import { Org } from "../org";
import { inviterRoleOf, type ParsedInvite } from "./invite";
import { inviteMany, type Settled } from "./invite-batch";
import { parseInviteCsv } from "./invite-csv-parse";
import { DisplayName, Email, InvitedBy, type Info as Member, Role, Segment } from "./member.schema";

export const MAX_CSV_ROWS = 1000;

export const InviteCsvInput = z.strictObject({
  orgId: z.string().min(1),
  csv: z.string().max(2_000_000),
  invitedBy: InvitedBy,
  /** Whether each invited address is e-mailed its join link (see InviteInput). */
  mailed: z.boolean().default(false),
});
export type InviteCsvInput = z.input<typeof InviteCsvInput>;

/** A row's outcome as the admin sees it. */
export const CsvRowOutcome = z.object({
  /** The line of the file the record ends on; the header is line 1. */
  row: z.number(),
  email: z.string(),
  outcome: z.enum(["invited", "already_member", "error"]),
  message: z.string().optional(),
  memberId: z.string().optional(),
});
export type CsvRowOutcome = z.infer<typeof CsvRowOutcome>;

export interface CsvRowResult extends CsvRowOutcome {
  /** For "invited" rows: the secret for the join link, for the caller to mail. */
  inviteToken?: string;
  /** For "invited" rows: the invitation as written, so mailing it needs no read. */
  member?: Member;
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
  const { orgId, csv, invitedBy, mailed } = parseInput(InviteCsvInput, input);
  const records = parseInviteCsv(csv, MAX_CSV_ROWS);
  const org = await Org.get(orgId);
  const inviterRole = await inviterRoleOf(orgId, invitedBy);

  const results: CsvRowResult[] = [];
  const toInvite: { result: CsvRowResult; invite: ParsedInvite }[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { record, row, problem } of records) {
    const email = (record.email ?? "").trim();
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
    const first = parsed.success ? firstRowOf.get(parsed.data.email) : undefined;
    const result: CsvRowResult = problem
      ? { row, email, outcome: "error", message: problem }
      : !parsed.success
        ? rowError(row, email, parsed.error)
        : first !== undefined
          ? { row, email, outcome: "error", message: `The same address as row ${first}.` }
          : { row, email, outcome: "invited" };
    results.push(result);
    if (result.outcome === "invited" && parsed.success) {
      firstRowOf.set(parsed.data.email, row);
      toInvite.push({
        result,
        invite: { ...parsed.data, orgId, invitedBy, expiresInDays: 14, mailed },
      });
    }
  }
  const settled = await inviteMany(
    org,
    toInvite.map(({ invite }) => invite),
    inviterRole,
  );
  toInvite.forEach(({ result }, index) => {
    Object.assign(result, outcomeOf(settled[index]));
  });
  return results;
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

function outcomeOf(settled: Settled | undefined): Partial<CsvRowResult> {
  if (settled && "invitation" in settled) {
    const { member, inviteToken } = settled.invitation;
    return { outcome: "invited", memberId: member.memberId, member, inviteToken };
  }
  const error = settled?.error;
  if (!(error instanceof DomainError)) {
    return { outcome: "error", message: "Could not be invited now. Try this row again." };
  }
  const outcome = error.code === "already_member" ? "already_member" : "error";
  return { outcome, message: error.message };
}
