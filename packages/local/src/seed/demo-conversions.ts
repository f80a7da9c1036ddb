import { Conversion } from "@sprida/core/conversion";
import { DomainError } from "@sprida/core/error";

/** One in this many human clicks on the shop's own pages becomes an order. */
const CLICKS_PER_ORDER = 8;
/** 899 kr in öre: the demo shop's typical order. */
const ORDER_VALUE = 89_900;
const LEDGER_WAIT_MS = 25;
const LEDGER_ATTEMPTS = 200;

/**
 * The demo shop reports orders for some of the day's human clicks on its own pages, through
 * the conversion domain's signed-report command, at the (set back) time of the day: so the
 * history has conversion value and cash ROI, counted on the clicks' days. A click reaches the
 * ledger through the bus a moment after the redirect answered; the report waits for it.
 * Deterministic in number: a day's orders follow from its clicks.
 */
export async function seedConversions(
  orgId: string,
  daysAgo: number,
  sids: string[],
): Promise<number> {
  const orders = sids.sort().slice(0, Math.floor(sids.length / CLICKS_PER_ORDER));
  for (const [index, sid] of orders.entries()) {
    const order = {
      sid,
      orderId: `demo-${daysAgo}-${index}`,
      value: ORDER_VALUE,
      currency: "SEK",
    };
    for (let attempt = 1; ; attempt++) {
      try {
        await Conversion.report(orgId, order);
        break;
      } catch (error) {
        const waiting = error instanceof DomainError && error.code === "sid_unknown";
        if (!waiting || attempt >= LEDGER_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, LEDGER_WAIT_MS));
      }
    }
  }
  return orders.length;
}
