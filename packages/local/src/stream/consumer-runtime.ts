import type { StreamConsumer } from "@sprida/core/event";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";

/** What aws-lambda's DynamoDBStreamHandler may resolve to: a handler that returns nothing fits. */
// biome-ignore lint/suspicious/noConfusingVoidType: mirrors DynamoDBStreamHandler's result type.
export type StreamHandlerResult = DynamoDBBatchResponse | void;

export interface StreamConsumerBinding {
  definition: StreamConsumer;
  /** The same handler the Lambda function runs, called with the same event. */
  invoke(event: DynamoDBStreamEvent): Promise<StreamHandlerResult>;
}

export interface ConsumerStats {
  id: string;
  /** Shards this consumer is reading right now. */
  shards: number;
  /** Records the handler accepted. */
  delivered: number;
  /** Invocations that threw or reported item failures. */
  failed: number;
  deadLettered: number;
  lastDeliveredAt: string | null;
}

/** A consumer as the poller runs it: its binding, its filter and its counters. */
export interface ConsumerRuntime {
  binding: StreamConsumerBinding;
  matches(record: DynamoDBRecord): boolean;
  counters: Omit<ConsumerStats, "id" | "shards">;
}
