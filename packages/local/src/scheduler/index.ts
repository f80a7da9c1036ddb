export * from "./cron";
export * from "./local-scheduler";
