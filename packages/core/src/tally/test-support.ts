import { randomUUID } from "node:crypto";
import { Ledger } from "../ledger";
import { type LinkContext, TallyRecord } from "./tally-record";

/** Writes the records to the ledger, as ingest does, in order; returns them. */
export async function ledgered(
  records: TallyRecord[],
  correlationId = "tally-test",
): Promise<TallyRecord[]> {
  for (const record of records) {
    await Ledger.record({
      partition: record.partition,
      name: record.name,
      properties: record.properties,
      metadata: {
        eventId: record.eventId,
        orgId: record.orgId,
        occurredAt: record.occurredAt,
        correlationId,
      },
    });
  }
  return records;
}

/**
 * Ledger records as the tally receives them, for tests of the tally alone: one link's
 * events with increasing sequence numbers, as one stream shard delivers them.
 */
export class TestLink {
  private sequence: bigint;
  readonly linkCode = randomUUID().replace(/-/g, "").slice(0, 10);

  constructor(
    readonly orgId: string,
    readonly memberId: string,
    readonly contentId: string,
    readonly channel = "linkedin",
    readonly context: LinkContext = { segment: {}, networkSize: 0 },
    firstSequence = 1_000n,
  ) {
    this.sequence = firstSequence;
  }

  get partition() {
    return `link_${this.linkCode}`;
  }

  private record(name: string, day: string, extra: Record<string, unknown> = {}): TallyRecord {
    this.sequence += 1n + BigInt(Math.floor(Math.random() * 3));
    return TallyRecord.parse({
      partition: this.partition,
      sequenceNumber: String(this.sequence),
      eventId: randomUUID(),
      orgId: this.orgId,
      occurredAt: `${day}T10:00:00.000Z`,
      name,
      properties: {
        linkCode: this.linkCode,
        memberId: this.memberId,
        contentId: this.contentId,
        channel: this.channel,
        day,
        context: this.context,
        ...extra,
      },
    });
  }

  created(day: string) {
    return this.record("share.created", day);
  }

  confirmed(day: string) {
    return this.record("share.confirmed", day, { via: "member" });
  }

  /** A click from a visitor of its own, from an address of its own unless `addressHash` is given. */
  click(
    day: string,
    klass: "bot" | "self" | "internal" | "human",
    unique = klass === "human",
    addressHash = randomUUID().slice(0, 22),
  ) {
    return this.record("link.clicked", day, {
      class: klass,
      unique,
      visitor: randomUUID().slice(0, 22),
      addressHash,
      device: "mobile",
    });
  }
}
