import { stringify } from "csv-stringify/sync";

/** A text cell a spreadsheet would run as a formula: =, +, -, @, tab or CR first. */
const FORMULA = /^[=+\-@\t\r]/;

/**
 * CSV as spreadsheets read it (RFC 4180, CRLF). A text cell that would start a formula is
 * prefixed with an apostrophe: labels are content titles and segment names that admins or
 * RSS feeds typed, never trusted as formulas.
 */
export function toCsv(rows: (string | number)[][]): string {
  return stringify(rows, {
    record_delimiter: "windows",
    cast: { string: (value) => (FORMULA.test(value) ? `'${value}` : value) },
  });
}
