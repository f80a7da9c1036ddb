import { parse } from "csv-parse/sync";
import { DomainError, Errors } from "../error";

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

/** Spreadsheets save CSV with the separator of the user's locale: Swedish Excel uses ";". */
const SEPARATORS = [",", ";", "\t"] as const;

export interface CsvRow {
  email?: string;
  displayName?: string;
  role?: string;
  office?: string;
  unit?: string;
  competenceArea?: string;
}

export interface ParsedCsvRow {
  record: CsvRow;
  /** The line of the file the record ends on; the header is line 1. */
  row: number;
  /** Set when the row has more filled cells than the header has columns. */
  problem?: string;
}

type ParsedRecord = { record: string[]; info: { lines: number } };

/**
 * Reads an invitation CSV: the separator is the one the header line uses, a byte-order mark
 * is skipped, and a row with more filled cells than the header is kept with its problem
 * named (empty trailing cells, as spreadsheets pad rows, are ignored).
 */
export function parseInviteCsv(csv: string, maxRows: number): ParsedCsvRow[] {
  let parsed: ParsedRecord[];
  try {
    parsed = parse(csv, {
      bom: true,
      delimiter: separatorOf(csv),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      to: maxRows + 2,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const message = error instanceof Error ? error.message : "unreadable";
    throw Errors.invalid("csv_malformed", `The CSV file could not be read: ${message}`);
  }
  const [header, ...rows] = parsed;
  const columns = (header?.record ?? []).map(columnOf);
  if (!columns.includes("email")) {
    throw Errors.invalid("csv_no_email_column", "The CSV file needs an email column.");
  }
  if (rows.length > maxRows) {
    throw Errors.invalid(
      "csv_too_many_rows",
      `A CSV file can invite at most ${maxRows} rows; split the file and import each part.`,
    );
  }
  return rows.map(({ record: cells, info }) => {
    const record = Object.fromEntries(
      columns.map((column, index) => [column, cells[index] ?? ""]).filter(([, value]) => value),
    ) as CsvRow;
    const used = cells.reduce((width, cell, index) => (cell === "" ? width : index + 1), 0);
    if (used <= columns.length) return { record, row: info.lines };
    const problem = `This row has ${used} columns but the header has ${columns.length}; a value containing the separator needs quotes.`;
    return { record, row: info.lines, problem };
  });
}

/** The candidate separator that occurs most often outside quotes in the header line. */
export function separatorOf(csv: string): string {
  const counts = new Map<string, number>(SEPARATORS.map((separator) => [separator, 0]));
  let quoted = false;
  for (const char of csv) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: string = SEPARATORS[0];
  for (const [separator, count] of counts) {
    if (count > (counts.get(best) ?? 0)) best = separator;
  }
  return best;
}

function columnOf(header: string): keyof CsvRow {
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
      `Unknown column "${header.slice(0, 40)}". Use: email, displayName, role, office, unit, competenceArea (separated by commas, semicolons or tabs).`,
    );
  }
  return column;
}
