import { z } from "zod";
import { Log } from "../log";
import { Mail } from "../mail";

const Recipients = z.array(z.object({ emailAddress: z.string() }).loose());

/**
 * What SES's configuration set sends to EventBridge for a bounce or a complaint (the parts we
 * read): https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html
 */
export const SesMailEvent = z
  .object({
    source: z.literal("aws.ses"),
    "detail-type": z.string(),
    detail: z.union([
      z
        .object({
          eventType: z.literal("Bounce"),
          bounce: z.object({ bounceType: z.string(), bouncedRecipients: Recipients }).loose(),
        })
        .loose(),
      z
        .object({
          eventType: z.literal("Complaint"),
          complaint: z.object({ complainedRecipients: Recipients }).loose(),
        })
        .loose(),
    ]),
  })
  .loose();

/**
 * Suppresses the addresses of a permanent bounce or a complaint for every future send (a
 * transient bounce, a full mailbox, is left to retry next week). Invitations are sent
 * through the same configuration set, so their hard bounces are suppressed too.
 */
export async function handleMailEvent(event: unknown): Promise<{ suppressed: number }> {
  const { detail } = SesMailEvent.parse(event);
  const addresses =
    detail.eventType === "Complaint"
      ? detail.complaint.complainedRecipients.map((r) => r.emailAddress)
      : detail.bounce.bounceType === "Permanent"
        ? detail.bounce.bouncedRecipients.map((r) => r.emailAddress)
        : [];
  const reason = detail.eventType === "Complaint" ? "complaint" : "bounce";
  for (const address of addresses) await Mail.suppress(address, reason);
  // Counts only: the addresses are personal data and stay out of the logs.
  Log.info("mail event", { eventType: detail.eventType, suppressed: addresses.length });
  return { suppressed: addresses.length };
}
