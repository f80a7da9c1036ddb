import type { DeliveredEvent } from "@sprida/core/event";
import {
  type DeadLetter,
  type DeadRecord,
  deliveryKey,
  type JournalRecord,
  type ReplayRecord,
} from "./records";

export interface DeliveryState {
  event: DeliveredEvent;
  ruleId: string;
  status: "pending" | "acked" | "dead";
  /** Start of the current retry window: the event's time, or when it was last replayed. */
  since: string;
  dead?: DeadRecord;
  replay?: ReplayRecord;
}

/** What the journal says about every delivery, in the order events were published. */
export function foldJournal(records: JournalRecord[]): Map<string, DeliveryState> {
  const deliveries = new Map<string, DeliveryState>();
  for (const record of records) {
    if (record.type === "event") {
      for (const ruleId of record.rules) {
        const key = deliveryKey(record.event.id, ruleId);
        if (deliveries.has(key)) continue;
        deliveries.set(key, {
          event: record.event,
          ruleId,
          status: "pending",
          since: record.event.time,
        });
      }
      continue;
    }
    const delivery = deliveries.get(deliveryKey(record.eventId, record.ruleId));
    if (delivery === undefined || delivery.status === "acked") continue;
    switch (record.type) {
      case "ack":
        delivery.status = "acked";
        delivery.dead = undefined;
        delivery.replay = undefined;
        break;
      case "dead":
        delivery.status = "dead";
        delivery.dead = record;
        break;
      case "replay":
        delivery.status = "pending";
        delivery.since = record.at;
        delivery.dead = undefined;
        delivery.replay = record;
        break;
    }
  }
  return deliveries;
}

/** The shortest journal with the same unfinished deliveries and dead letters. */
export function compact(deliveries: Map<string, DeliveryState>): JournalRecord[] {
  const byEvent = new Map<string, DeliveryState[]>();
  for (const delivery of deliveries.values()) {
    if (delivery.status === "acked") continue;
    const open = byEvent.get(delivery.event.id);
    if (open === undefined) byEvent.set(delivery.event.id, [delivery]);
    else open.push(delivery);
  }
  const records: JournalRecord[] = [];
  for (const open of byEvent.values()) {
    const [first] = open;
    if (first === undefined) continue;
    records.push({ type: "event", event: first.event, rules: open.map((d) => d.ruleId) });
    for (const delivery of open) {
      if (delivery.dead !== undefined) records.push(delivery.dead);
      else if (delivery.replay !== undefined) records.push(delivery.replay);
    }
  }
  return records;
}

export function deadLettersOf(deliveries: Map<string, DeliveryState>): DeadLetter[] {
  const deadLetters: DeadLetter[] = [];
  for (const delivery of deliveries.values()) {
    if (delivery.status !== "dead" || delivery.dead === undefined) continue;
    deadLetters.push(toDeadLetter(delivery.event, delivery.dead));
  }
  return deadLetters;
}

export function toDeadLetter(event: DeliveredEvent, record: DeadRecord): DeadLetter {
  return {
    id: record.deadLetterId,
    ruleId: record.ruleId,
    event,
    error: record.error,
    attempts: record.attempts,
    failedAt: record.at,
  };
}
