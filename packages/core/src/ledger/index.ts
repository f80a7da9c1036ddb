export * as Ledger from "./index";
export { LEDGER_ENTITY_NAME } from "./ledger.entity";
export * from "./ledgered-events";
export * from "./record";
export * from "./stream-insert";
