import { z } from "zod";
import { defineEvent } from "../event";

/** Content events carry ids only: consumers read the item (its text can change). */
export const Events = {
  Published: defineEvent(
    "content.published",
    z.strictObject({ contentId: z.string().min(1).max(64) }),
  ),
};

/**
 * `content.published` of one publish, to write in the publish's transaction (the outbox) and
 * publish after it commits. The id names the publish (item and time): the outbox job's
 * retries are the same event, a later re-publish is a new one.
 */
export function publishedEvent(orgId: string, contentId: string, publishedAt: string) {
  return Events.Published.create(
    { contentId },
    {
      orgId,
      eventId: `pub-${contentId}-${Date.parse(publishedAt)}`,
      occurredAt: new Date(publishedAt),
    },
  );
}
