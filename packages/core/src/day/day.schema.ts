import { z } from "zod";

/**
 * A calendar day, "YYYY-MM-DD", with no time zone of its own: in Sprida always the
 * organisation's local day (see `localDay`). Real dates only: 2026-02-29 is refused.
 */
export const DayId = z.iso.date();
export type DayId = z.infer<typeof DayId>;

/** An ISO 8601 week, "2026-W49": weeks start on Monday and belong to the year of their Thursday. */
export const IsoWeekId = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/);
export type IsoWeekId = z.infer<typeof IsoWeekId>;

/** A calendar month, "2026-12". */
export const MonthId = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export type MonthId = z.infer<typeof MonthId>;

/** A calendar quarter, "2026-Q4". */
export const QuarterId = z.string().regex(/^\d{4}-Q[1-4]$/);
export type QuarterId = z.infer<typeof QuarterId>;
