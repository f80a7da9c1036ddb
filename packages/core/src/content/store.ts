import { auditWrite } from "../audit";
import { retryOnConflict, TRY_AGAIN } from "../dynamo";
import { Errors } from "../error";
import type { OutgoingEvent } from "../event";
import { Outbox } from "../outbox";
import { Runtime } from "../runtime";
import { type ContentTransaction, contentService, fromItem, toItem } from "./content.entity";
import type { Info as Content } from "./content.schema";

const MAX_ATTEMPTS = 3;

export const contentNotFound = () =>
  Errors.notFound("content_not_found", "There is no such content in this organisation.");

/** The item and the revision it was read at; the organisation is part of the key. */
export async function loadContent(
  orgId: string,
  contentId: string,
): Promise<{ content: Content; revision: number }> {
  const { data } = await contentService()
    .content.get({ orgId, contentId })
    .go({ consistent: true });
  if (!data) throw contentNotFound();
  return fromItem(data);
}

export interface Audited {
  actorMemberId: string;
  action: string;
  details?: Record<string, string | number | boolean | string[]>;
}

function contentAudit(tx: ContentTransaction, orgId: string, contentId: string, audited: Audited) {
  return auditWrite(tx, {
    orgId,
    actorMemberId: audited.actorMemberId,
    action: audited.action,
    details: { contentId, ...audited.details },
  });
}

/** Writes a new item (never over an existing one) with its audit entry, if any. */
export async function insert(content: Content, audited?: Audited): Promise<Content> {
  const result = await contentService()
    .service.transaction.write((tx: ContentTransaction) => [
      tx.content.create(toItem(content, 1)).commit(),
      ...(audited ? [contentAudit(tx, content.orgId, content.contentId, audited)] : []),
    ])
    .go();
  if (result.canceled) throw new Error(`Could not create content ${content.contentId}`);
  return content;
}

export interface Change {
  next: Content;
  audited?: Audited;
  /** Written to the outbox with the change and published once it committed. */
  event?: OutgoingEvent;
}

/**
 * Reads the item, lets `decide` authorise and compute the change, and writes it under a
 * condition on the revision read, with the audit entry and the event's outbox item, in one
 * transaction; the event is published after the commit. A lost race reads again, so a
 * decision is never made on a stale item. `decide` returning undefined changes nothing.
 */
export async function mutate(
  orgId: string,
  contentId: string,
  decide: (current: Content) => Promise<Change | undefined> | Change | undefined,
): Promise<Content> {
  return retryOnConflict(
    async () => {
      const { content, revision } = await loadContent(orgId, contentId);
      const change = await decide(content);
      if (!change) return content;
      const next = { ...change.next, updatedAt: Runtime.use().now().toISOString() };
      const result = await contentService()
        .service.transaction.write((tx: ContentTransaction) => [
          tx.content
            .put(toItem(next, revision + 1))
            .where((attributes, op) => op.eq(attributes.revision, revision))
            .commit(),
          ...(change.audited ? [contentAudit(tx, orgId, contentId, change.audited)] : []),
          ...(change.event ? [Outbox.outboxWrite(tx, change.event)] : []),
        ])
        .go();
      if (result.canceled) return TRY_AGAIN;
      if (change.event) await Outbox.publishKept(change.event);
      return next;
    },
    {
      attempts: MAX_ATTEMPTS,
      conflict: () =>
        Errors.conflict("content_busy", "This content was changed at the same time. Try again."),
    },
  );
}
