import { DomainError } from "../error";
import type { EventMetadata } from "../event";
import { Member } from "../member";
import { Org } from "../org";
import { readThrough } from "../runtime";
import { campaignOfLink } from "../share";

interface LinkEventProperties {
  linkCode: string;
  memberId: string;
  contentId: string;
  channel: string;
  day?: string;
}

const orNothing = async <T>(read: Promise<T>): Promise<T | undefined> => {
  try {
    return await read;
  } catch (error) {
    if (error instanceof DomainError && error.kind === "not_found") return undefined;
    throw error;
  }
};

/**
 * A link's events come in bursts (a post's clicks), so what they share is read once a
 * minute: "as it was when recorded" then means within a minute of it, for a third of the
 * reads per event.
 */
const MINUTE = { ttlMs: () => 60_000, maxEntries: 5_000 };
const organisation = readThrough<Org.Info>(MINUTE);
const memberOf = readThrough<Member.Info | undefined>(MINUTE);
/** A link's campaign never changes, so it is kept for as long as room allows. */
const campaignOf = readThrough<string | undefined>({ ttlMs: () => 3_600_000, maxEntries: 20_000 });

/**
 * What the tally needs besides the event, written into the ledger with it: the local day,
 * the member's segment and declared network on the channel, the link's campaign. Taken
 * once, when the event is recorded, so a replay months later counts exactly the same.
 * A member who has left simply contributes nothing.
 */
export async function withLinkContext<P extends LinkEventProperties>(
  properties: P,
  metadata: Pick<EventMetadata, "orgId" | "occurredAt">,
) {
  const { orgId } = metadata;
  const { memberId, linkCode } = properties;
  const [org, member, campaignId] = await Promise.all([
    organisation(orgId, () => Org.get(orgId)),
    memberOf(`${orgId}/${memberId}`, () => orNothing(Member.get(orgId, memberId))),
    campaignOf(linkCode, () => campaignOfLink(linkCode)),
  ]);
  const network = member?.channels.find((channel) => channel.channel === properties.channel);
  return {
    ...properties,
    day: properties.day ?? Org.localDay(org.timeZone, new Date(metadata.occurredAt)),
    context: {
      segment: member?.segment ?? {},
      networkSize: network?.networkSize ?? 0,
      ...(campaignId ? { campaignId } : {}),
    },
  };
}
