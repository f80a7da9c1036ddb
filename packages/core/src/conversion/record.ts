import { createHash } from "node:crypto";
import { Click, ClickId, linkCodeOfClick } from "../click";
import { Errors, parseInput } from "../error";
import { Ledger } from "../ledger";
import { Outbox } from "../outbox";
import { Runtime } from "../runtime";
import { linkPartition } from "../share";
import { settingsOn } from "../value";
import { conversionService } from "./conversion.entity";
import { type ConversionOutcome, ConversionReport } from "./conversion.schema";

/** A conversion reported a little ahead of our clock (the other server's) is still taken. */
const CLOCK_SKEW_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

const unknownClick = () =>
  Errors.invalid(
    "sid_unknown",
    "No click of this organisation has this sid (the click id on the landing URL).",
  );

/** The click a sid names, if it is this organisation's: one read of its link's ledger. */
async function clickOf(orgId: string | undefined, sid: string) {
  const item = await Ledger.find(linkPartition({ linkCode: linkCodeOfClick(sid) }), sid);
  if (item?.name !== "link.clicked" || (orgId && item.orgId !== orgId)) {
    throw unknownClick();
  }
  // As ledgered: with the link context the ledger added.
  const click = Click.RecordedClick.loose().parse(item.properties);
  return { orgId: item.orgId, occurredAt: item.occurredAt, click };
}

const conversionIdOf = (orgId: string, key: string) =>
  `cv_${createHash("sha256").update(`${orgId}|${key}`).digest("hex").slice(0, 40)}`;

interface Recording {
  /** Absent for the pixel: the click tells the organisation. */
  orgId?: string;
  source: "api" | "csv" | "pixel";
  sid: string;
  orderId?: string;
  value: number;
  currency?: string;
  occurredAt?: string;
}

/**
 * Records one conversion for the click a sid names: within the attribution window after it
 * (the settings in force on the click's day), in the organisation's currency, once per order
 * (once per click for the pixel). Only human clicks convert: a bot's, the sharer's own or an
 * office colleague's click is not the audience the programme reached. The event is kept in
 * the outbox in the transaction that takes the order's key, published just after, ledgered
 * with the click's link and counted by the tally on the click's day.
 */
async function record(input: Recording): Promise<ConversionOutcome> {
  const { orgId, occurredAt: clickedAt, click } = await clickOf(input.orgId, input.sid);
  if (click.class !== "human") {
    throw Errors.invalid(
      "click_not_counted",
      `This click was counted as ${click.class}, not human: only human clicks convert.`,
    );
  }
  const settings = await settingsOn(orgId, click.day);
  if (input.source !== "pixel" && input.currency !== settings.currency) {
    throw Errors.invalid(
      "currency_mismatch",
      `Report values in the organisation's currency, ${settings.currency}.`,
    );
  }
  const now = Runtime.use().now();
  const at = input.occurredAt ? new Date(input.occurredAt) : now;
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw Errors.invalid("conversion_in_future", "The conversion's time is in the future.");
  }
  const clicked = new Date(clickedAt).getTime();
  if (at.getTime() < clicked) {
    throw Errors.invalid("conversion_before_click", "The conversion happened before the click.");
  }
  if (at.getTime() > clicked + settings.attributionWindowDays * DAY_MS) {
    throw Errors.invalid(
      "outside_attribution_window",
      `The conversion came more than ${settings.attributionWindowDays} days after the click.`,
    );
  }
  const key = input.source === "pixel" ? `pixel:${input.sid}` : `order:${input.orderId}`;
  const conversionId = conversionIdOf(orgId, key);
  const event = Click.Events.Converted.create(
    {
      sid: input.sid,
      linkCode: click.linkCode,
      memberId: click.memberId,
      contentId: click.contentId,
      channel: click.channel,
      day: click.day,
      source: input.source,
      value: input.value,
      currency: settings.currency,
      ...(input.orderId ? { orderId: input.orderId } : {}),
    },
    { orgId, eventId: conversionId, occurredAt: at },
  );
  const result = await conversionService()
    .service.transaction.write((tx) => [
      tx.conversion
        .create({
          orgId,
          key,
          conversionId,
          sid: input.sid,
          clickDay: click.day,
          source: input.source,
          recordedAt: now.toISOString(),
        })
        .commit(),
      Outbox.outboxWrite(tx, event),
    ])
    .go();
  const outcome = { conversionId, clickDay: click.day };
  if (result.canceled) return { status: "duplicate", ...outcome };
  await Outbox.publishKept(event);
  return { status: "recorded", ...outcome };
}

/** A conversion another server of the organisation reported, signed with its key. */
export async function report(orgId: string, input: ConversionReport): Promise<ConversionOutcome> {
  const parsed = parseInput(ConversionReport, input);
  return record({ orgId, source: "api", ...parsed });
}

/**
 * The count-only pixel: a conversion without a value, once per click, so it cannot inflate
 * value or ROI; anything else it is sent (a value, an order id) is ignored. Never throws for
 * what it is sent: a browser loads it, and a bad sid is simply not counted.
 */
export async function pixel(sid: string | undefined): Promise<"recorded" | "ignored"> {
  if (!sid || !ClickId.safeParse(sid).success) return "ignored";
  try {
    const outcome = await record({ source: "pixel", sid, value: 0 });
    return outcome.status === "recorded" ? "recorded" : "ignored";
  } catch (error) {
    if (error instanceof Error && "kind" in error && error.kind === "invalid") return "ignored";
    throw error;
  }
}

/** One CSV row, checked like a signed report. */
export async function importRow(orgId: string, input: ConversionReport) {
  const parsed = parseInput(ConversionReport, input);
  return record({ orgId, source: "csv", ...parsed });
}
