import { parse } from "csv-parse/sync";
import { Errors } from "../error";

/** Spreadsheets save CSV with the separator of the user's locale: Swedish Excel uses ";". */
const SEPARATORS = [",", ";", "\t"] as const;

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

export interface CsvFile {
  header: string[];
  /** Each record's cells, and the line of the file it ends on (the header is line 1). */
  rows: { cells: string[]; line: number }[];
}

/**
 * Reads an uploaded CSV file: the separator is the one the header line uses, a byte-order
 * mark is skipped, cells are trimmed and empty lines skipped; rows may have fewer or more
 * cells than the header (the caller decides). More than `maxRows` rows is refused before
 * anything is done with them; a file that cannot be read is a 400, never a crash.
 */
export function readCsv(csv: string, maxRows: number): CsvFile {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(csv, {
      bom: true,
      delimiter: separatorOf(csv),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      to: maxRows + 2,
    }) as unknown as typeof parsed;
  } catch (error) {
    const message = error instanceof Error ? error.message : "unreadable";
    throw Errors.invalid("csv_malformed", `The CSV file could not be read: ${message}`);
  }
  const [header, ...rows] = parsed;
  if (rows.length > maxRows) {
    throw Errors.invalid(
      "csv_too_many_rows",
      `A CSV file can hold at most ${maxRows} rows; split the file and import each part.`,
    );
  }
  return {
    header: header?.record ?? [],
    rows: rows.map(({ record, info }) => ({ cells: record, line: info.lines })),
  };
}
