/**
 * The organisation's local day, kept here so `Org.localDay` and `Org.daysBetween` go on
 * working; the day module (`@sprida/core/day`) is where days, weeks and time zones live.
 */
export { eachDay as daysBetween, localDay } from "../day";
