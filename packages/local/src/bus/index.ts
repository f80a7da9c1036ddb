export { listDeadLetters, requestReplay } from "./dead-letters";
export { type RetryPolicy, retryDelay } from "./delivery";
export { JournalCorruptError, journalPath } from "./journal";
export {
  type BusLog,
  type BusStats,
  BusStoppedError,
  LocalBus,
  type LocalBusOptions,
} from "./local-bus";
export type { DeadLetter } from "./records";
