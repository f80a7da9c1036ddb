import { z } from "zod";
import { Audit } from "../audit";
import { DayId, daysBetween, eachDay, earliestDay } from "../day";
import { Errors, parseInput } from "../error";
import { loadAdmin, type MembershipRef } from "../member";
import { rolledThroughOf } from "./range";
import { rollUpDay } from "./rollup";

/** A quarter and a day: the longest past period an admin recomputes in one request. */
export const MAX_RECOMPUTE_DAYS = 93;

export const RecomputeInput = z.strictObject({ from: DayId, to: DayId });
export type RecomputeInput = z.input<typeof RecomputeInput>;

/**
 * Rolls a past period up again under the value settings in force on each of its days (after
 * a settings change back-dated on purpose): the days already rolled are made again from the
 * tally's counters, so their weeks, months and quarters follow. Audited.
 */
export async function recompute(
  actorRef: MembershipRef,
  input: RecomputeInput,
): Promise<{ from: string; to: string; rolled: number }> {
  const actor = await loadAdmin(actorRef);
  const { from, to } = parseInput(RecomputeInput, input, "invalid_day");
  if (from > to) throw Errors.invalid("invalid_range", "The first day must not be after the last.");
  if (daysBetween(from, to) + 1 > MAX_RECOMPUTE_DAYS) {
    throw Errors.invalid(
      "range_too_long",
      `Recompute at most ${MAX_RECOMPUTE_DAYS} days at a time.`,
    );
  }
  const rolledThrough = await rolledThroughOf(actor.orgId);
  const last = rolledThrough ? earliestDay(rolledThrough, to) : to;
  let rolled = 0;
  if (rolledThrough && from <= last) {
    for (const day of eachDay(from, last)) {
      if ((await rollUpDay(actor.orgId, day, { force: true })) === "rolled") rolled += 1;
    }
  }
  await Audit.record({
    orgId: actor.orgId,
    actorMemberId: actor.memberId,
    action: "report.recomputed",
    details: { from, to, rolled },
  });
  return { from, to, rolled };
}
