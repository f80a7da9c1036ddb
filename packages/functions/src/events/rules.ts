import type { EventRule } from "@sprida/core/event";
import { Ledger } from "@sprida/core/ledger";

/** Every event rule. The infra makes each an EventBridge rule; the local bus routes by them. */
export const EventRules: EventRule[] = [
  {
    id: "ingest",
    description: "Writes counted events to the ledger, once each",
    pattern: { source: ["sprida"], "detail-type": Ledger.LEDGERED_EVENT_NAMES },
    handler: "packages/functions/src/events/ingest.handler",
    maximumRetryAttempts: 8,
    maximumEventAgeSeconds: 6 * 60 * 60,
  },
];
