import { Errors } from "../error";
import type { Member } from "../member";
import { activeMembers } from "../points";
import { segmentPartition, suppress } from "../stats";
import { SEGMENT_FIELDS, type SegmentField, segmentKey } from "../tally";
import type { SegmentChoice } from "./report.schema";
import type { Summary } from "./summary";

const FIELD_LABEL: Record<SegmentField, string> = {
  office: "Office",
  unit: "Unit",
  competenceArea: "Competence area",
};

/** "office:Stockholm" as people read it: "Office: Stockholm". */
export function segmentLabel(key: string): string {
  const [field = "", ...value] = key.split(":");
  return `${FIELD_LABEL[field as SegmentField] ?? field}: ${value.join(":")}`;
}

/**
 * The segments a report may be narrowed to: each field's groups of active members, with the
 * same suppression the segment breakdown uses (groups under five, and any group whose figure
 * could be worked out from the others, are not offered).
 */
export function segmentChoices(members: Member.Info[]): SegmentChoice[] {
  return SEGMENT_FIELDS.flatMap((field) => {
    const keys = [
      ...new Set(
        members.flatMap(({ segment }) =>
          segment[field] ? [segmentKey(field, segment[field])] : [],
        ),
      ),
    ].sort();
    const partition = segmentPartition(field, keys, members);
    const { shown } = suppress(partition.groups, partition.remainder);
    return partition.groups
      .filter((group) => shown.has(group.key))
      .map((group) => ({
        key: group.key,
        label: segmentLabel(group.key),
        members: group.people.size,
      }));
  });
}

/** One segment of a report: who is in it now, to count its sharers. */
export interface SegmentScope {
  choice: SegmentChoice;
  memberIds: ReadonlySet<string>;
}

/** The organisation's segment choices, and the one asked for (refused unless offered). */
export async function segmentScope(
  orgId: string,
  key: string | undefined,
): Promise<{ choices: SegmentChoice[]; scope?: SegmentScope }> {
  const members = await activeMembers(orgId);
  const choices = segmentChoices(members);
  if (key === undefined) return { choices };
  const choice = choices.find((candidate) => candidate.key === key);
  if (!choice) {
    throw Errors.invalid(
      "segment_not_offered",
      "Choose one of the offered segments: groups of fewer than five people cannot be reported on their own.",
    );
  }
  const [field, ...value] = key.split(":");
  const memberIds = new Set(
    members
      .filter((member) => member.segment[field as SegmentField] === value.join(":"))
      .map((member) => member.memberId),
  );
  return { choices, scope: { choice, memberIds } };
}

/** The summary's counts for the scope: the segment's own row, or the organisation's totals. */
export const vectorIn = (summary: Summary, scope: SegmentScope | undefined): readonly number[] =>
  scope
    ? (summary.byKey.segment[scope.choice.key] ?? summary.metrics.map(() => 0))
    : summary.totals;

/** Members in the scope with a confirmed share in the summary (distinct). */
export function sharersIn(summary: Summary, scope: SegmentScope | undefined): number {
  const index = summary.metrics.indexOf("sharesConfirmed");
  return Object.entries(summary.byKey.member).filter(
    ([memberId, vector]) => (vector[index] ?? 0) > 0 && (!scope || scope.memberIds.has(memberId)),
  ).length;
}
