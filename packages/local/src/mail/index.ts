export * from "./mail-inbox";
export * from "./print-sent-mail";
