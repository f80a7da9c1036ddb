export * from "./admin";
export { adminReportContent } from "./admin-report-content";
export { handleMailEvent, SesMailEvent } from "./bounce";
export { WeekComposer } from "./compose";
export { Events } from "./events";
export * as Weekly from "./index";
export { wants } from "./recipients";
export { fanOut } from "./run-week";
export { sendBatch } from "./send-batch";
export { sendOnce, sendsTo, tallyOf } from "./send-once";
export * from "./unsubscribe";
export {
  openUnsubscribeToken,
  type UnsubscribeTarget,
  unsubscribeToken,
} from "./unsubscribe-token";
export { lastFinishedWeek, spanOf, weekBefore } from "./week";
