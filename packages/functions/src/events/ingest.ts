import { Ledger } from "@sprida/core/ledger";
import { lambda } from "../lambda";

/** EventBridge target: throws to have the event retried, then dead-lettered. */
export const handler = lambda(async (event: unknown): Promise<void> => {
  await Ledger.ingest(event);
});
