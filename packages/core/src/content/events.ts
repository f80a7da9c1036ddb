import { z } from "zod";
import { defineEvent } from "../event/define-event";
import { Runtime } from "../runtime";

/** Content events carry ids only: consumers read the item (its text can change). */
export const Events = {
  Published: defineEvent(
    "content.published",
    z.strictObject({ contentId: z.string().min(1).max(64) }),
  ),
};

/**
 * Published after the write committed. The event id names the publish (item and time), so
 * a retried publish is the same event and a later re-publish is a new one.
 */
export async function publishPublished(
  orgId: string,
  contentId: string,
  publishedAt: string,
): Promise<void> {
  const runtime = Runtime.use();
  await Events.Published.publish(
    runtime.publisher,
    { contentId },
    {
      orgId,
      eventId: `pub-${contentId}-${Date.parse(publishedAt)}`,
      occurredAt: new Date(publishedAt),
    },
  );
}
