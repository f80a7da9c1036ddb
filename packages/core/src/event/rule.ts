/**
 * An EventBridge event pattern (JSON). The local bus matches it with our own matcher
 * (packages/local/src/pattern); on AWS it becomes an EventBridge rule unchanged.
 */
export type EventPattern = { [field: string]: unknown };

/**
 * Where a handler lives, in SST's notation: "<path from repo root without extension>.<export>".
 * The infra turns it into a Lambda function; the local runtime imports the same export.
 */
export type HandlerPath = `packages/functions/src/${string}.${string}`;

/**
 * What a handler does with the single table: on AWS the only DynamoDB actions its role holds
 * (infra/permissions.ts). `read`: GetItem, BatchGetItem, Query; `write`: also PutItem,
 * UpdateItem and ConditionCheckItem (transactions are authorised per item by these);
 * `manage`: also DeleteItem. No handler may Scan or BatchWriteItem.
 */
export type TableAccess = "read" | "write" | "manage";

/** What a handler may do besides running: declared beside it, granted by the infra. */
export interface HandlerAccess {
  table: TableAccess;
  /** Puts events on Sprida's bus (events:PutEvents on that bus only). */
  publishes?: boolean;
  /** Seals or opens secrets (packages/core/src/keyring): on AWS it is granted the KMS key. */
  usesKeyring?: boolean;
}

/** An event rule: the same definition drives EventBridge on AWS and the local bus. */
export interface EventRule extends HandlerAccess {
  id: string;
  description: string;
  pattern: EventPattern;
  handler: HandlerPath;
  /** Delivery attempts after the first before the event goes to the rule's dead-letter queue. */
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
  /** Sends e-mail: on AWS it is granted SES sending as the deployment's sender (infra/mail.ts). */
  sendsMail?: boolean;
  /**
   * The bus the rule listens on: Sprida's own (the default), or the account's default bus,
   * where AWS services such as SES put their events. Locally there is one bus for both.
   */
  bus?: "sprida" | "aws-default";
  /** At most this many instances at once (reserved concurrency): the weekly sender's pace. */
  concurrency?: number;
}

/** A DynamoDB stream consumer: an event source mapping on AWS, the stream poller locally. */
export interface StreamConsumer extends HandlerAccess {
  id: string;
  description: string;
  handler: HandlerPath;
  batchSize: number;
  maximumBatchingWindowSeconds: number;
  /** Lambda event filter patterns (same syntax as event patterns); a record matching any is delivered. */
  filters: EventPattern[];
  maximumRetryAttempts: number;
  maximumRecordAgeSeconds: number;
  bisectBatchOnError: boolean;
  parallelizationFactor: number;
  /** The handler's time limit: a batch must finish within it (Lambda's is 900 s at most). */
  timeoutSeconds: number;
}

/** A schedule: an EventBridge schedule on AWS, the local scheduler's timer locally. */
export interface Schedule extends HandlerAccess {
  id: string;
  description: string;
  handler: HandlerPath;
  /** EventBridge cron expression, always UTC; the local scheduler understands the forms we use. */
  cron: string;
}
