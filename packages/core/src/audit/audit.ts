import { randomUUID } from "node:crypto";
import { Errors, parseInput } from "../error";
import { Runtime } from "../runtime";
import { auditEntity } from "./audit.entity";
import { AuditEntry, AuditInput, AuditPage } from "./audit.schema";

/** The stored form of an entry: what another domain's transaction writes with its change. */
export function auditItem(input: AuditInput) {
  const entry = AuditInput.parse(input);
  return {
    ...entry,
    auditId: randomUUID(),
    at: Runtime.use().now().toISOString(),
    details: entry.details ?? {},
  };
}

/** Records an admin action on its own (domain commands write theirs in their transaction). */
export async function record(input: AuditInput): Promise<AuditEntry> {
  const item = auditItem(input);
  await auditEntity().create(item).go({ response: "none" });
  return AuditEntry.parse(item);
}

/** An organisation's audit log, newest first. Owners read it (the HTTP layer checks the role). */
export async function list(
  orgId: string,
  page: AuditPage = {},
): Promise<{ entries: AuditEntry[]; cursor: string | null }> {
  const { limit, cursor } = parseInput(AuditPage, page);
  try {
    const result = await auditEntity()
      .query.byOrg({ orgId })
      .go({ order: "desc", count: limit, cursor: cursor ?? null });
    return { entries: result.data.map((item) => AuditEntry.parse(item)), cursor: result.cursor };
  } catch (error) {
    if (cursor) throw Errors.invalid("invalid_cursor", "The page cursor is not valid.");
    throw error;
  }
}

/** Entries about one member of the organisation, oldest first (for the member's own export). */
export async function listForTarget(orgId: string, targetMemberId: string): Promise<AuditEntry[]> {
  const result = await auditEntity()
    .query.byTarget({ targetMemberId })
    .where((attributes, op) => op.eq(attributes.orgId, orgId))
    .go({ pages: "all" });
  return result.data
    .map((item) => AuditEntry.parse(item))
    .sort((a, b) => a.at.localeCompare(b.at) || a.auditId.localeCompare(b.auditId));
}
