/** One line of a CSV, quoted where needed (RFC 4180). */
export const csvLine = (cells: readonly (string | number)[]) =>
  cells
    .map((cell) => {
      const text = String(cell);
      return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(",");

/** A template for inviting from CSV: the header and one example row. */
export const INVITE_TEMPLATE = `${csvLine(["email", "displayName", "role", "office", "unit", "competenceArea"])}\r\n${csvLine(["anna@example.com", "Anna Andersson", "member", "Stockholm", "Sales", ""])}\r\n`;

/** The rows that failed, as a CSV to fix and send again: row, address, reason. */
export function errorReport(
  rows: readonly { row: number; email: string; outcome: string; message?: string }[],
) {
  const failed = rows.filter((row) => row.outcome === "error");
  return `${[csvLine(["row", "email", "error"]), ...failed.map((row) => csvLine([row.row, row.email, row.message ?? ""]))].join("\r\n")}\r\n`;
}

/** A data: URL to download text as a file (no server round trip, nothing kept). */
export const csvHref = (text: string) => `data:text/csv;charset=utf-8,${encodeURIComponent(text)}`;
