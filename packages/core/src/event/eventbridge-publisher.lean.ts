import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from "@aws-sdk/client-eventbridge";
import type { Publisher } from "./envelope";
import { OutgoingEnvelope } from "./envelope.lean";

/** PutEvents accepts at most 10 entries and 256 KiB per request. */
const MAX_ENTRIES = 10;
const MAX_REQUEST_BYTES = 256 * 1024;

export interface EventBridgePublisherOptions {
  client: Pick<EventBridgeClient, "send">;
  busName: string;
  /** Attempts per entry, counting the first; only entries a partial failure names are resent. */
  maxAttempts?: number;
  baseDelayMs?: number;
}

export class PublishFailedError extends Error {
  constructor(readonly failures: { detailType: string; code?: string; message?: string }[]) {
    super(
      `PutEvents failed for ${failures.length} event(s): ${failures
        .map((f) => `${f.detailType} (${f.code ?? "unknown"}: ${f.message ?? ""})`)
        .join(", ")}`,
    );
    this.name = "PublishFailedError";
  }
}

export function createEventBridgePublisher(options: EventBridgePublisherOptions): Publisher {
  const { client, busName, maxAttempts = 4, baseDelayMs = 50 } = options;

  async function sendBatch(entries: PutEventsRequestEntry[]): Promise<void> {
    let pending = entries;
    for (let attempt = 1; ; attempt++) {
      const result = await client.send(new PutEventsCommand({ Entries: pending }));
      if (!result.FailedEntryCount) return;
      // Result entries line up with request entries by position; failed ones carry ErrorCode.
      const failed = pending
        .map((entry, index) => ({ entry, result: result.Entries?.[index] }))
        .filter(({ result }) => result?.ErrorCode || !result?.EventId);
      if (attempt >= maxAttempts) {
        throw new PublishFailedError(
          failed.map(({ entry, result }) => ({
            detailType: entry.DetailType ?? "",
            code: result?.ErrorCode,
            message: result?.ErrorMessage,
          })),
        );
      }
      pending = failed.map(({ entry }) => entry);
      await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** (attempt - 1)));
    }
  }

  return {
    async publish(events) {
      const entries = events.map((event) => {
        const valid = OutgoingEnvelope.parse(event);
        return {
          EventBusName: busName,
          Source: valid.source,
          DetailType: valid.detailType,
          Detail: JSON.stringify(valid.detail),
        } satisfies PutEventsRequestEntry;
      });
      for (const batch of batches(entries)) await sendBatch(batch);
    },
  };
}

function entrySize(entry: PutEventsRequestEntry): number {
  return (
    Buffer.byteLength(entry.Source ?? "") +
    Buffer.byteLength(entry.DetailType ?? "") +
    Buffer.byteLength(entry.Detail ?? "")
  );
}

function* batches(entries: PutEventsRequestEntry[]): Generator<PutEventsRequestEntry[]> {
  let batch: PutEventsRequestEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entrySize(entry);
    if (size > MAX_REQUEST_BYTES) {
      throw new Error(`Event ${entry.DetailType} is ${size} bytes; EventBridge accepts 256 KiB`);
    }
    if (batch.length === MAX_ENTRIES || bytes + size > MAX_REQUEST_BYTES) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(entry);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}
