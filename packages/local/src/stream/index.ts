export type { RetryBackoff } from "./batch-delivery";
export type {
  ConsumerStats,
  StreamConsumerBinding,
  StreamHandlerResult,
} from "./consumer-runtime";
export { toLambdaRecord } from "./lambda-record";
export { repairEmptyMaps } from "./repair-empty-maps";
export {
  createStreamPoller,
  type StreamPoller,
  type StreamPollerOptions,
  type StreamPollerStats,
} from "./stream-poller";
