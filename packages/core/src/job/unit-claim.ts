import { randomUUID } from "node:crypto";
import { isConditionalCheckFailure } from "../error";
import type { ErrorSummary } from "../log";
import { Log } from "../log";
import type { JobResult, JobUnit } from "./job.schema";
import { type JobUnitItem, jobUnitEntityFor } from "./unit-claim.entity";

/**
 * How long a claim holds a unit. Longer than the unit runner may run (its Lambda's time limit,
 * infra/jobs.ts), so a live runner is never overtaken; a runner that died leaves the unit to be
 * taken over after this.
 */
export const UNIT_LEASE_MS = 10 * 60_000;
/** Claims taken, after which the tick stops sending the unit again (its dead letters remain). */
export const MAX_UNIT_ATTEMPTS = 5;
const KEEP_SECONDS = 31 * 24 * 60 * 60;

export type Claim =
  | { state: "claimed"; unit: JobUnit; claimId: string; attempts: number }
  | { state: "done"; result?: JobResult }
  | { state: "busy" };

const keyOf = ({ orgId, job, period }: JobUnit) => ({ orgId, job, period });

/**
 * Takes the unit for one run: created if new, or taken over when its last run failed or its
 * holder's claim expired; never when it is done or held. One conditional write.
 */
export async function take(unit: JobUnit, now: Date, leaseMs = UNIT_LEASE_MS): Promise<Claim> {
  const claimId = randomUUID();
  const at = now.toISOString();
  try {
    const { data } = await jobUnitEntityFor()
      .update(keyOf(unit))
      .set({
        status: "running",
        claimId,
        claimedAt: at,
        claimedUntil: new Date(now.getTime() + leaseMs).toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + KEEP_SECONDS,
      })
      .add({ attempts: 1 })
      .where(
        (a, op) =>
          `${op.notExists(a.status)} OR ${op.eq(a.status, "failed")} OR (${op.eq(a.status, "running")} AND ${op.lt(a.claimedUntil, at)})`,
      )
      .go({ response: "all_new" });
    return { state: "claimed", unit, claimId, attempts: data.attempts ?? 1 };
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
  }
  const { data } = await jobUnitEntityFor().get(keyOf(unit)).go({ consistent: true });
  return data?.status === "done"
    ? { state: "done", result: data.result as JobResult | undefined }
    : { state: "busy" };
}

/** Records the result; a no-op when the claim was taken over meanwhile (the taker records). */
export async function complete(
  claim: Extract<Claim, { state: "claimed" }>,
  result: JobResult,
  now: Date,
): Promise<void> {
  await finish(claim, { status: "done", finishedAt: now.toISOString(), result });
}

/** Records the failure and frees the unit, so its retry (or the next tick) takes it at once. */
export async function fail(
  claim: Extract<Claim, { state: "claimed" }>,
  error: ErrorSummary,
  now: Date,
): Promise<void> {
  await finish(claim, { status: "failed", finishedAt: now.toISOString(), error });
}

async function finish(
  claim: Extract<Claim, { state: "claimed" }>,
  changes: Partial<Pick<JobUnitItem, "status" | "finishedAt" | "result" | "error">>,
): Promise<void> {
  try {
    await jobUnitEntityFor()
      .patch(keyOf(claim.unit))
      .set(changes)
      .where((a, op) => op.eq(a.claimId, claim.claimId))
      .go({ response: "none" });
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
    Log.warn("job unit was taken over before it finished", { ...claim.unit });
  }
}

/**
 * The units worth sending: none recorded yet, or failed or abandoned (claim expired) with
 * attempts left. Done and held units are left alone. One consistent BatchGet per 100 units.
 */
export async function unfinished(units: JobUnit[], now: Date): Promise<JobUnit[]> {
  if (units.length === 0) return [];
  const { data } = await jobUnitEntityFor().get(units.map(keyOf)).go({ consistent: true });
  const recorded = new Map(data.map((item) => [`${item.job}/${item.orgId}/${item.period}`, item]));
  const at = now.toISOString();
  return units.filter((unit) => {
    const item = recorded.get(`${unit.job}/${unit.orgId}/${unit.period}`);
    if (!item) return true;
    if (item.status === "done" || item.attempts >= MAX_UNIT_ATTEMPTS) return false;
    return item.status === "failed" || item.claimedUntil < at;
  });
}

/** A unit's record, for operators and tests. */
export async function record(unit: JobUnit) {
  const { data } = await jobUnitEntityFor().get(keyOf(unit)).go({ consistent: true });
  return data ?? undefined;
}
