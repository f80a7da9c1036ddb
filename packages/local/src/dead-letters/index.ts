export { awsDeadLetterClients, type QueueDepth } from "./aws-clients";
export {
  type FunctionInvoker,
  type QueueClient,
  type QueueMessage,
  type ReplaySummary,
  replayDeadLetters,
} from "./replay";
export { classifyQueues, type DeadLetterQueue, stageDeadLetterQueues } from "./stage-queues";
export { readFailedBatch, StreamFailure } from "./stream-pointer";
