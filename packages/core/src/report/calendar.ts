import { addDays, startOfIsoWeek } from "../day";
import type { SummaryKind } from "./report.entity";

const pad = (n: number) => String(n).padStart(2, "0");

/** The first day of an ISO week ("2026-W49"): week 1 holds 4 January. */
function mondayOf(week: string): string {
  const [year, number] = week.split("-W").map(Number) as [number, number];
  return addDays(startOfIsoWeek(`${year}-01-04`), (number - 1) * 7);
}

function monthBounds(year: number, month: number): { from: string; to: string } {
  const from = `${year}-${pad(month)}-01`;
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
  return { from, to: addDays(next, -1) };
}

/** The first and last local day of a period of a kind. */
export function periodBounds(kind: SummaryKind, period: string): { from: string; to: string } {
  switch (kind) {
    case "day":
      return { from: period, to: period };
    case "week": {
      const from = mondayOf(period);
      return { from, to: addDays(from, 6) };
    }
    case "month": {
      const [year, month] = period.split("-").map(Number) as [number, number];
      return monthBounds(year, month);
    }
    case "quarter": {
      const [year, quarter] = period.split("-Q").map(Number) as [number, number];
      const first = monthBounds(year, (quarter - 1) * 3 + 1);
      const last = monthBounds(year, quarter * 3);
      return { from: first.from, to: last.to };
    }
  }
}
