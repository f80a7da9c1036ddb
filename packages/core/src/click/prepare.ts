import type { EventMetadata } from "../event";
import { ClickedProperties, type RecordedClick } from "./events";
import { isMemberVisitor } from "./member-visitor";
import { claimUnique } from "./unique";

/**
 * What the ledger keeps of a delivered `link.clicked`: a human click from a visitor the
 * member was known by that day becomes self; a human click left is unique when it wins the
 * day's marker. Safe to call again for the same event: the answer does not change.
 */
export async function prepareForLedger(
  properties: ClickedProperties,
  metadata: Pick<EventMetadata, "eventId" | "orgId" | "occurredAt">,
): Promise<RecordedClick> {
  const click = ClickedProperties.parse(properties);
  if (click.class !== "human") return { ...click, unique: false };
  const { linkCode, memberId, day, visitor } = click;
  if (await isMemberVisitor(metadata.orgId, memberId, day, visitor, metadata.occurredAt)) {
    return { ...click, class: "self", reason: "self_visitor", unique: false };
  }
  return { ...click, unique: await claimUnique(linkCode, day, visitor, metadata.eventId) };
}
