/** ISO weeks ("2026-W48") in the browser: their Monday, and the weeks before one. */
const DAY_MS = 86_400_000;

/** The Monday (YYYY-MM-DD) of an ISO week: week 1 holds 4 January. */
export function mondayOf(week: string): string {
  const [year, number] = week.split("-W").map(Number) as [number, number];
  const january4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(january4).getUTCDay() + 6) % 7;
  return new Date(january4 - weekday * DAY_MS + (number - 1) * 7 * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const number = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(number).padStart(2, "0")}`;
}

/** `count` weeks ending with `week`, newest first. */
export function weeksEndingWith(week: string, count: number): string[] {
  const monday = Date.parse(`${mondayOf(week)}T00:00:00Z`);
  return Array.from({ length: count }, (_, index) =>
    weekOf(new Date(monday - index * 7 * DAY_MS).toISOString().slice(0, 10)),
  );
}

export const sundayOf = (week: string) =>
  new Date(Date.parse(`${mondayOf(week)}T00:00:00Z`) + 6 * DAY_MS).toISOString().slice(0, 10);
