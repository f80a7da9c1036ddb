import { CORE_ITEMS_PER_RECORD } from "./chunk";
import type { TallyConsumer } from "./consumer";
import { pointsPolicy } from "./points-policy";

/**
 * What the tally does with each record's deltas besides counting them, in order. A consumer
 * (the value/ROI metrics next) joins by being listed here; the others do not change.
 */
export const TALLY_CONSUMERS: readonly TallyConsumer[] = [pointsPolicy];

/**
 * The most items one record makes a transaction write: the counting core's rows and the
 * link's checkpoint, plus what each consumer adds. A transaction takes records while this
 * many more still fit, so a new dimension or consumer moves the bound with it.
 */
export const MAX_ITEMS_PER_RECORD = TALLY_CONSUMERS.reduce(
  (sum, consumer) => sum + consumer.maxItemsPerRecord,
  CORE_ITEMS_PER_RECORD,
);
