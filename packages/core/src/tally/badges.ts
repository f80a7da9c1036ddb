import type { Counts } from "./metrics";

/**
 * Badges reward taking part, never the size of a network: confirmed shares and the unique
 * human clicks they brought. Each is awarded once, when a member's all-time total crosses it.
 */
export const BADGES = [
  {
    id: "first_share",
    metric: "sharesConfirmed",
    threshold: 1,
    name: { en: "First share", sv: "Första delningen" },
  },
  {
    id: "ten_shares",
    metric: "sharesConfirmed",
    threshold: 10,
    name: { en: "Ten shares", sv: "Tio delningar" },
  },
  {
    id: "fifty_shares",
    metric: "sharesConfirmed",
    threshold: 50,
    name: { en: "Fifty shares", sv: "Femtio delningar" },
  },
  {
    id: "first_click",
    metric: "uniqueClicks",
    threshold: 1,
    name: { en: "First reader", sv: "Första läsaren" },
  },
  {
    id: "hundred_clicks",
    metric: "uniqueClicks",
    threshold: 100,
    name: { en: "A hundred readers", sv: "Hundra läsare" },
  },
  {
    id: "thousand_clicks",
    metric: "uniqueClicks",
    threshold: 1_000,
    name: { en: "A thousand readers", sv: "Tusen läsare" },
  },
] as const satisfies readonly {
  id: string;
  metric: keyof Counts;
  threshold: number;
  name: { en: string; sv: string };
}[];
export type BadgeId = (typeof BADGES)[number]["id"];

/** The badges a change of all-time totals from `before` to `after` earns. */
export function badgesCrossed(before: Counts, after: Counts): BadgeId[] {
  return BADGES.filter(
    (badge) => before[badge.metric] < badge.threshold && after[badge.metric] >= badge.threshold,
  ).map((badge) => badge.id);
}
