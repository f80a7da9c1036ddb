import type { StreamConsumer } from "@sprida/core/event";
import { LEDGER_ENTITY_NAME } from "@sprida/core/ledger";

/** Every table stream consumer: an event source mapping on AWS, the stream poller locally. */
export const StreamConsumers: StreamConsumer[] = [
  {
    id: "tally",
    description: "Turns ledger inserts into exact counters",
    handler: "packages/functions/src/streams/tally.handler",
    // Large batches are what make the tally cheap: a batch's clicks on the same content,
    // member and day aggregate into one write per row. A minute's window is the measured
    // trade-off (`npm run bench -- tally.window`, README "Cost per click"): counts up to a
    // minute late, for 25 % (1,000 members) to 43 % (10,000 members) fewer write units than
    // a 1 s window. Locally the window is at most 1 s (packages/local/src/stream).
    batchSize: 1_000,
    maximumBatchingWindowSeconds: 60,
    filters: [
      { eventName: ["INSERT"], dynamodb: { NewImage: { __edb_e__: { S: [LEDGER_ENTITY_NAME] } } } },
    ],
    maximumRetryAttempts: 10,
    maximumRecordAgeSeconds: 24 * 60 * 60,
    bisectBatchOnError: true,
    parallelizationFactor: 1,
    // Up to 1,000 records, read and written in transactions of 100 items.
    timeoutSeconds: 60,
    // Counters updated, and each ledger entry's mark, in conditional transactions.
    table: "write",
  },
  {
    id: "webhooks",
    description: "Sends ledgered clicks and confirmed shares to organisations' webhooks",
    handler: "packages/functions/src/streams/webhooks.handler",
    // Small batches: a slow endpoint costs up to 5 s once per batch (later deliveries to it wait).
    batchSize: 25,
    maximumBatchingWindowSeconds: 1,
    filters: [
      {
        eventName: ["INSERT"],
        dynamodb: {
          NewImage: {
            __edb_e__: { S: [LEDGER_ENTITY_NAME] },
            name: { S: ["link.clicked", "share.confirmed"] },
          },
        },
      },
    ],
    maximumRetryAttempts: 10,
    maximumRecordAgeSeconds: 24 * 60 * 60,
    bisectBatchOnError: true,
    parallelizationFactor: 1,
    // A batch may meet several slow endpoints (5 s each) before its failures are stored for retry.
    timeoutSeconds: 120,
    // Delivery records (for the retry job); never deletes.
    table: "write",
    // Opens each webhook's sealed secret to sign.
    usesKeyring: true,
  },
];
