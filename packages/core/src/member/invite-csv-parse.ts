import { readCsv } from "../csv";
import { Errors } from "../error";

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

/**
 * Reads an invitation CSV (see `readCsv`): the header names the columns, and a row with more
 * filled cells than the header is kept with its problem named (empty trailing cells, as
 * spreadsheets pad rows, are ignored).
 */
export function parseInviteCsv(csv: string, maxRows: number): ParsedCsvRow[] {
  const { header, rows } = readCsv(csv, maxRows);
  const columns = header.map(columnOf);
  if (!columns.includes("email")) {
    throw Errors.invalid("csv_no_email_column", "The CSV file needs an email column.");
  }
  return rows.map(({ cells, line }) => {
    const record = Object.fromEntries(
      columns.map((column, index) => [column, cells[index] ?? ""]).filter(([, value]) => value),
    ) as CsvRow;
    const used = cells.reduce((width, cell, index) => (cell === "" ? width : index + 1), 0);
    if (used <= columns.length) return { record, row: line };
    const problem = `This row has ${used} columns but the header has ${columns.length}; a value containing the separator needs quotes.`;
    return { record, row: line, problem };
  });
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
