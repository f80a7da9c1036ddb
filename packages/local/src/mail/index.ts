export * from "./mail-inbox";
