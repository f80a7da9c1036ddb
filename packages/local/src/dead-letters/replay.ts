import type { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { DeliveredEvent } from "@sprida/core/event";
import { interpretResponse } from "../stream/batch-response";
import { createRecordFilter } from "../stream/record-filter";
import type { DeadLetterQueue } from "./stage-queues";
import { readFailedBatch, StreamFailure } from "./stream-pointer";

/** One message of a dead-letter queue, as received. */
export interface QueueMessage {
  id: string;
  body: string;
  receiptHandle: string;
}

/** What the replay needs of SQS: receiving (hidden for a while) and deleting. */
export interface QueueClient {
  receive(queueName: string, max: number, hideSeconds: number): Promise<QueueMessage[]>;
  delete(queueName: string, receiptHandle: string): Promise<void>;
}

/** What the replay needs of Lambda. */
export interface FunctionInvoker {
  /** Queues an asynchronous invocation (as EventBridge does); resolves when Lambda accepted it. */
  invokeAsync(functionName: string, payload: unknown): Promise<void>;
  /** Invokes and waits (as an event source mapping does); resolves with the function's answer. */
  invoke(functionName: string, payload: unknown): Promise<unknown>;
}

export interface ReplayOptions {
  /** At most this many messages. */
  max: number;
  /** Read and report; delete nothing, invoke nothing (messages reappear after `hideSeconds`). */
  dryRun: boolean;
  /** How long a received message stays hidden from other readers; by default long enough to replay it. */
  hideSeconds?: number;
  awsRegion: string;
}

export interface ReplaySummary {
  queue: string;
  replayed: number;
  failed: number;
  expired: number;
  wouldReplay: number;
}

/**
 * Replays a deployed stage's dead letters into the function they were meant for, deleting each
 * message only once its replay succeeded:
 *
 * - a rule's queue holds the EventBridge event itself: it is invoked asynchronously on the
 *   rule's own function, as EventBridge would. Not PutEvents on the bus: that would deliver it
 *   again to every rule it matches, and EventBridge refuses `aws.*` sources, which the SES
 *   events of mail-events carry. Handlers act once per event id, so an event that succeeded in
 *   the meantime changes nothing.
 * - a stream consumer's queue holds where the failed batch lies: it is read back from the
 *   stream (while the stream holds it, 24 hours), filtered by the consumer's filters and
 *   invoked synchronously with Lambda's event shape; it succeeded when the function reports no
 *   failed item. An expired batch is reported and left in the queue: for the tally, rebuild
 *   the days it covers (`npm run admin -- recount-tally`); webhook deliveries of it are lost.
 */
export async function replayDeadLetters(
  queue: DeadLetterQueue,
  clients: { queues: QueueClient; functions: FunctionInvoker; streams: DynamoDBStreamsClient },
  options: ReplayOptions,
  log: (line: string) => void,
): Promise<ReplaySummary> {
  const summary: ReplaySummary = {
    queue: queue.id,
    replayed: 0,
    failed: 0,
    expired: 0,
    wouldReplay: 0,
  };
  // A stream pointer waits for the consumer's whole batch, so pointers are taken one at a time
  // and stay hidden for longer than the function may run: a message that reappeared before it
  // was deleted could be replayed twice by two operators.
  const perReceive = queue.kind === "stream" ? 1 : 10;
  const hideSeconds =
    options.hideSeconds ??
    (options.dryRun ? 5 : queue.kind === "stream" ? queue.consumer.timeoutSeconds + 60 : 120);
  const matches =
    queue.kind === "stream"
      ? createRecordFilter(queue.consumer.id, queue.consumer.filters)
      : undefined;
  const seen = new Set<string>();
  while (summary.replayed + summary.failed + summary.expired + summary.wouldReplay < options.max) {
    const room =
      options.max - (summary.replayed + summary.failed + summary.expired + summary.wouldReplay);
    const messages = (
      await clients.queues.receive(queue.queueName, Math.min(perReceive, room), hideSeconds)
    ).filter((message) => !seen.has(message.id));
    if (messages.length === 0) break;
    for (const message of messages) {
      seen.add(message.id);
      const outcome = await replayOne(message, queue, clients, options, matches);
      summary[outcome.counted] += 1;
      log(`${queue.id}: message ${message.id}: ${outcome.line}`);
      if (outcome.counted === "replayed") {
        await clients.queues.delete(queue.queueName, message.receiptHandle);
      }
    }
  }
  return summary;
}

type Outcome = { counted: "replayed" | "failed" | "expired" | "wouldReplay"; line: string };

async function replayOne(
  message: QueueMessage,
  queue: DeadLetterQueue,
  clients: { functions: FunctionInvoker; streams: DynamoDBStreamsClient },
  options: ReplayOptions,
  matches: ((record: import("aws-lambda").DynamoDBRecord) => boolean) | undefined,
): Promise<Outcome> {
  let body: unknown;
  try {
    body = JSON.parse(message.body);
  } catch {
    return { counted: "failed", line: "its body is not JSON; left in the queue" };
  }
  try {
    if (queue.kind === "rule") {
      const event = DeliveredEvent.safeParse(body);
      if (!event.success) {
        return { counted: "failed", line: "not an EventBridge event; left in the queue" };
      }
      const what = `event ${event.data.id} (${event.data["detail-type"]})`;
      if (options.dryRun) return { counted: "wouldReplay", line: `would re-deliver ${what}` };
      // The body as it came, not the parsed copy: the function gets exactly what it would have.
      await clients.functions.invokeAsync(queue.functionName, body);
      return { counted: "replayed", line: `re-delivered ${what} to ${queue.functionName}` };
    }
    const failure = StreamFailure.safeParse(body);
    if (!failure.success) {
      return { counted: "failed", line: "not a stream failure record; left in the queue" };
    }
    const {
      startSequenceNumber,
      endSequenceNumber,
      approximateArrivalOfFirstRecord: from,
      approximateArrivalOfLastRecord: to,
    } = failure.data.DDBStreamBatchInfo;
    const range = `records ${startSequenceNumber}…${endSequenceNumber}${from && to ? ` (written ${from} to ${to})` : ""}`;
    const records = await readFailedBatch(clients.streams, failure.data, options.awsRegion);
    if (records === "expired") {
      return {
        counted: "expired",
        line:
          `${range} are no longer in the stream (kept 24 hours); left in the queue. ` +
          (queue.id === "tally"
            ? "Recount those days of every organisation with events then: npm run admin -- recount-tally " +
              "(docs/operations-tally-rebuild.md)."
            : "Their deliveries are lost."),
      };
    }
    const batch = matches ? records.filter(matches) : records;
    if (options.dryRun) {
      return { counted: "wouldReplay", line: `would replay ${batch.length} of ${range}` };
    }
    const answer = await clients.functions.invoke(queue.functionName, { Records: batch });
    const outcome = interpretResponse(answer, batch);
    if (outcome.kind === "success") {
      return { counted: "replayed", line: `replayed ${batch.length} records of ${range}` };
    }
    return { counted: "failed", line: `${queue.functionName} failed again; left in the queue` };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { counted: "failed", line: `${reason}; left in the queue` };
  }
}
