export * from "./in-transaction";
export * as Outbox from "./index";
export * from "./outbox";
export { outboxEntityFor } from "./outbox.entity";
