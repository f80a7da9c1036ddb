import type { EventRule } from "@sprida/core/event";
import { Ledger } from "@sprida/core/ledger";
import { Member } from "@sprida/core/member";

/**
 * Every event rule: the subscribers of the events the domains write to the outbox. The infra
 * makes each an EventBridge rule; the local bus routes by them.
 */
export const EventRules: EventRule[] = [
  {
    id: "ingest",
    description: "Writes counted events to the ledger, once each",
    pattern: { source: ["sprida"], "detail-type": Ledger.LEDGERED_EVENT_NAMES },
    handler: "packages/functions/src/events/ingest.handler",
    maximumRetryAttempts: 8,
    maximumEventAgeSeconds: 6 * 60 * 60,
  },
  {
    id: "invitation-mail",
    description: "Mails the join link of each invitation (member.invited), once per event",
    pattern: { source: ["sprida"], "detail-type": [Member.Events.Invited.name] },
    handler: "packages/functions/src/events/invitation-mail.handler",
    maximumRetryAttempts: 8,
    // An invitation mailed a day late is still worth sending; its link lasts days.
    maximumEventAgeSeconds: 24 * 60 * 60,
    // Opens the join token sealed with the invitation (packages/core/src/member/token.ts).
    usesKeyring: true,
    sendsMail: true,
  },
];
