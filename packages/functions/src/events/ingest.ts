import { Ledger } from "@sprida/core/ledger";

/** EventBridge target: throws to have the event retried, then dead-lettered. */
export const handler = async (event: unknown): Promise<void> => {
  await Ledger.ingest(event);
};
