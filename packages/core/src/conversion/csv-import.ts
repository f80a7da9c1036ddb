import { z } from "zod";
import { readCsv } from "../csv";
import { DomainError, Errors } from "../error";
import { loadAdmin, type MembershipRef } from "../member";
import { importRow } from "./record";

/** Rows one import takes; more is sent as consecutive files. */
export const MAX_CONVERSION_CSV_ROWS = 1_000;

const COLUMNS = ["sid", "orderId", "value", "currency", "occurredAt"] as const;

export const CsvRowResult = z.object({
  /** The line of the file; the header is line 1. */
  row: z.number().int(),
  orderId: z.string(),
  outcome: z.enum(["recorded", "duplicate", "error"]),
  /** Why a row was refused, as the API would say it. */
  message: z.string().optional(),
  code: z.string().optional(),
});
export type CsvRowResult = z.infer<typeof CsvRowResult>;

function rowsOf(csv: string): { row: number; cells: Record<string, string> }[] {
  const { header, rows } = readCsv(csv, MAX_CONVERSION_CSV_ROWS);
  const missing = COLUMNS.filter((column) => column !== "occurredAt" && !header.includes(column));
  if (missing.length > 0) {
    throw Errors.invalid("csv_columns", `The CSV file needs the columns ${missing.join(", ")}.`);
  }
  return rows.map(({ cells, line }) => ({
    row: line,
    cells: Object.fromEntries(header.map((column, i) => [column, cells[i] ?? ""])),
  }));
}

/**
 * Conversions from a CSV file (`sid,orderId,value,currency,occurredAt`, value in minor units)
 * for systems that cannot call the API: each row checked and recorded like a signed report,
 * with a result per row; a row already recorded is a duplicate, not an error. Admins.
 */
export async function importCsv(actorRef: MembershipRef, csv: string): Promise<CsvRowResult[]> {
  const actor = await loadAdmin(actorRef);
  const results: CsvRowResult[] = [];
  for (const { row, cells } of rowsOf(csv)) {
    const orderId = cells.orderId ?? "";
    try {
      const value = /^\d+$/.test(cells.value ?? "") ? Number(cells.value) : Number.NaN;
      const outcome = await importRow(actor.orgId, {
        sid: cells.sid ?? "",
        orderId,
        value,
        currency: cells.currency ?? "",
        ...(cells.occurredAt ? { occurredAt: cells.occurredAt } : {}),
      });
      results.push({ row, orderId, outcome: outcome.status });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.push({ row, orderId, outcome: "error", code: error.code, message: error.message });
    }
  }
  return results;
}
