import type { EventRule } from "@sprida/core/event";
import { Ledger } from "@sprida/core/ledger";
import { Member } from "@sprida/core/member";
import { Weekly } from "@sprida/core/weekly";

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
    // Ledger entries, each created once under a condition.
    table: "write",
  },
  {
    id: "invitation-mail",
    description: "Mails the join link of each invitation (member.invited), once per event",
    pattern: { source: ["sprida"], "detail-type": [Member.Events.Invited.name] },
    handler: "packages/functions/src/events/invitation-mail.handler",
    maximumRetryAttempts: 8,
    // An invitation mailed a day late is still worth sending; its link lasts days.
    maximumEventAgeSeconds: 24 * 60 * 60,
    // Its once-per-event claim is deleted when the mail fails, so a retry may send it.
    table: "manage",
    // Opens the join token sealed with the invitation (packages/core/src/member/token.ts).
    usesKeyring: true,
    sendsMail: true,
  },
  {
    id: "weekly-mail",
    description:
      "Sends each batch of a weekly e-mail (weekly.batch), each recipient once, at SES's pace",
    pattern: { source: ["sprida"], "detail-type": [Weekly.Events.Batch.name] },
    handler: "packages/functions/src/events/weekly-mail.handler",
    maximumRetryAttempts: 8,
    // Monday's e-mail is still worth sending on Monday evening, not on Wednesday.
    maximumEventAgeSeconds: 12 * 60 * 60,
    // Send records (sending, then sent or failed); the unsubscribe key on its first use.
    table: "write",
    // Signs the unsubscribe links (a key sealed in the table).
    usesKeyring: true,
    sendsMail: true,
    // One sender at a time, so its pace is the deployment's (SPRIDA_MAIL_PER_SECOND).
    concurrency: 1,
  },
  {
    id: "member-left",
    description: "Forgets the post URLs of a member who left (member.left), once per member",
    pattern: { source: ["sprida"], "detail-type": [Member.Events.Left.name] },
    handler: "packages/functions/src/events/member-left.handler",
    maximumRetryAttempts: 8,
    maximumEventAgeSeconds: 24 * 60 * 60,
    // Removes the postUrl attribute of the member's links (UpdateItem).
    table: "write",
  },
  {
    id: "mail-events",
    description:
      "Suppresses addresses SES reports as hard-bounced or complaining, for every future send",
    pattern: {
      source: ["aws.ses"],
      "detail-type": ["Email Bounced", "Email Complaint Received"],
    },
    handler: "packages/functions/src/events/mail-events.handler",
    maximumRetryAttempts: 8,
    maximumEventAgeSeconds: 24 * 60 * 60,
    // Suppressed address hashes.
    table: "write",
    bus: "aws-default",
  },
];
