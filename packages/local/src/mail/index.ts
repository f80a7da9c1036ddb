export * from "./mail-inbox";
export * from "./print-sent-mail";
export * from "./simulate-mail-events";
