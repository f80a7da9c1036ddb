import type { StreamConsumer } from "@sprida/core/event";
import { LEDGER_ENTITY_NAME } from "@sprida/core/ledger";

/** Every table stream consumer: an event source mapping on AWS, the stream poller locally. */
export const StreamConsumers: StreamConsumer[] = [
  {
    id: "tally",
    description: "Turns ledger inserts into exact counters",
    handler: "packages/functions/src/streams/tally.handler",
    batchSize: 100,
    maximumBatchingWindowSeconds: 1,
    filters: [
      { eventName: ["INSERT"], dynamodb: { NewImage: { __edb_e__: { S: [LEDGER_ENTITY_NAME] } } } },
    ],
    maximumRetryAttempts: 10,
    maximumRecordAgeSeconds: 24 * 60 * 60,
    bisectBatchOnError: true,
    parallelizationFactor: 1,
  },
];
