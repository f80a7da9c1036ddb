import { Weekly } from "@sprida/core/weekly";
import { lambda } from "../lambda";

/** EventBridge target of `weekly.batch`: sends the batch's e-mails once each; throws to retry. */
export const handler = lambda(async (event: unknown): Promise<void> => {
  await Weekly.sendBatch(event);
});
