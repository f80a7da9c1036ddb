import type { Entity, TransactWriteEntity } from "electrodb";
import type { OutgoingEvent } from "../event";
import { itemOf } from "./outbox";
import type { outboxEntity } from "./outbox.entity";

type OutboxEntity = ReturnType<typeof outboxEntity>;

/** The outbox entity as a service's write transaction hands it out. */
type OutboxInTransaction =
  OutboxEntity extends Entity<infer A, infer F, infer C, infer S>
    ? TransactWriteEntity<A, F, C, S>
    : never;

/**
 * The put of an event's outbox item in the transaction of the change it reports, so the
 * event exists exactly when the change does. Every service whose changes emit events names
 * the outbox entity `outbox`, so any of their transactions can be passed. After the commit,
 * `publishKept` hands the event to the bus; if that never happens, the `outbox` job does.
 */
export function outboxWrite(tx: { outbox: OutboxInTransaction }, event: OutgoingEvent) {
  return tx.outbox.put(itemOf(event)).commit();
}
