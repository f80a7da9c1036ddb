import { z } from "zod";
import { defineEvent } from "../event";
import { MailKind } from "../mail";

/**
 * The weekly send fans out in batches, one event each: ids only (the sender reads the
 * members, and finds nothing for one who left since). Each batch is sent at SES's pace by
 * the `weekly-mail` subscriber, and retried alone.
 */
export const Events = {
  Batch: defineEvent(
    "weekly.batch",
    z.strictObject({
      week: z.string().regex(/^\d{4}-W\d{2}$/),
      kind: MailKind,
      memberIds: z.array(z.string().min(1).max(64)).min(1).max(50),
    }),
  ),
};

/** Recipients per batch: a batch is sent within a minute at SES's lowest pace (1/s). */
export const BATCH_SIZE = 25;
