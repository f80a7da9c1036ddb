export * from "./apply-batch";
export * from "./badges";
export * from "./dimensions";
export * as Tally from "./index";
export * from "./metrics";
export * from "./periods";
export * from "./read";
export * from "./recount";
export * from "./tally-record";
