import type { Member } from "../member";
import { linksByCode } from "../share";
import { REPORTED_METRICS, type SegmentField, segmentKey, Tally } from "../tally";
import type { StatsDimension } from "./stats";
import type { Group } from "./suppress";

/** One partition of the total: groups disjoint in activity, and whose activity is in none. */
export interface Partition {
  groups: Group[];
  remainder: Set<string>;
}

const add = (people: Map<string, Set<string>>, key: string, person: string) => {
  const set = people.get(key) ?? new Set<string>();
  set.add(person);
  people.set(key, set);
};

/**
 * The distinct sharers behind each content, campaign or channel row of a period: the members
 * of the links whose daily counter rows (the same rows the tally adds every counted event to)
 * moved in the period. A campaign's are those of its links (a link counts toward the campaign
 * it was made for); sharers of links in no campaign are the remainder, since their activity
 * is in the total but in no campaign row.
 */
export async function sharerPartition(
  orgId: string,
  dimension: Exclude<StatsDimension, "segment">,
  keys: string[],
  from: string,
  to: string,
): Promise<Partition> {
  const linkRows = await Tally.countersBetween(orgId, "link", from, to);
  const active = linkRows.filter((row) => REPORTED_METRICS.some((metric) => row.counts[metric]));
  const links = await linksByCode(
    orgId,
    active.map((row) => row.key),
  );
  const people = new Map<string, Set<string>>();
  const remainder = new Set<string>();
  if (dimension === "campaign") {
    for (const link of links) {
      if (link.campaignId) add(people, link.campaignId, link.memberId);
      else remainder.add(link.memberId);
    }
  } else {
    for (const link of links)
      add(people, link[dimension === "content" ? "contentId" : "channel"], link.memberId);
  }
  return {
    groups: keys.map((key) => ({ key, people: people.get(key) ?? new Set() })),
    remainder,
  };
}

/**
 * The segment rows of one field, each group its active members now; the remainder are the
 * active members in no group with a row (no value for the field, or no activity).
 */
export function segmentPartition(
  field: SegmentField,
  keys: string[],
  members: Member.Info[],
): Partition {
  const people = new Map<string, Set<string>>();
  const remainder = new Set<string>();
  const rowKeys = new Set(keys);
  for (const member of members) {
    const value = member.segment[field];
    const key = value ? segmentKey(field, value) : undefined;
    if (key && rowKeys.has(key)) add(people, key, member.memberId);
    else remainder.add(member.memberId);
  }
  return {
    groups: keys.map((key) => ({ key, people: people.get(key) ?? new Set() })),
    remainder,
  };
}
