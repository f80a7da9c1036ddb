import { isConditionalCheckFailure } from "../error";
import { Runtime } from "../runtime";
import { eventEffectEntity } from "./effect.entity";
import type { EventMetadata } from "./envelope";

/**
 * How long a claim stands before another delivery may take it over: longer than any
 * subscriber runs (the functions' time limit), so only a claim whose holder died is taken.
 */
const CLAIM_LEASE_MS = 60_000;

/** Another delivery of the same event is running the effect right now: retry later. */
export class EffectBusyError extends Error {
  constructor(effect: string, eventId: string) {
    super(`${effect} for event ${eventId} is running in another delivery`);
    this.name = "EffectBusyError";
  }
}

/**
 * Runs a subscriber's side effect at most once per event id, however often the event is
 * delivered (delivery is at least once, and the outbox may publish an event again). The
 * effect is claimed under a condition (no claim yet, or one whose lease ran out), run, then
 * marked done; a delivery that finds it done does nothing. If the effect fails, the claim is
 * given back and the error thrown, so the event is retried. Only a process dying between the
 * effect and its mark (one call's width) can leave it to run again after the lease.
 */
export async function onceForEvent(
  effect: string,
  metadata: Pick<EventMetadata, "eventId" | "orgId">,
  options: { keepUntil: Date },
  run: () => Promise<void>,
): Promise<"done" | "already-done"> {
  const entity = eventEffectEntity();
  const key = { effect, eventId: metadata.eventId };
  const now = Runtime.use().now();
  const claimedAt = now.toISOString();
  const leaseEnded = new Date(now.getTime() - CLAIM_LEASE_MS).toISOString();
  try {
    await entity
      .put({
        ...key,
        orgId: metadata.orgId,
        state: "running",
        claimedAt,
        expiresAt: Math.ceil(options.keepUntil.getTime() / 1000),
      })
      .where(
        (attributes, op) =>
          `${op.notExists(attributes.state)} OR (${op.eq(attributes.state, "running")} AND ${op.lt(attributes.claimedAt, leaseEnded)})`,
      )
      .go({ response: "none" });
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
    const { data } = await entity.get(key).go({ consistent: true });
    if (data?.state === "done") return "already-done";
    throw new EffectBusyError(effect, metadata.eventId);
  }
  try {
    await run();
  } catch (error) {
    await entity
      .delete(key)
      .where((attributes, op) => op.eq(attributes.claimedAt, claimedAt))
      .go()
      .catch(() => {
        // Kept by a later claim, or left to its lease: either way the retry decides.
      });
    throw error;
  }
  await entity
    .patch(key)
    .set({ state: "done", doneAt: Runtime.use().now().toISOString() })
    .go({ response: "none" });
  return "done";
}
