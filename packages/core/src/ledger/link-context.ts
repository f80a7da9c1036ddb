import { Content } from "../content";
import { DomainError } from "../error/domain-error";
import type { EventMetadata } from "../event/envelope";
import { Member } from "../member";
import { Org } from "../org";

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
 * What the tally needs besides the event, written into the ledger with it: the local day,
 * the member's segment and declared network on the channel, the content's campaign. Taken
 * once, when the event is recorded, so a replay months later counts exactly the same.
 * A member who has left or content since deleted simply contribute nothing.
 */
export async function withLinkContext<P extends LinkEventProperties>(
  properties: P,
  metadata: Pick<EventMetadata, "orgId" | "occurredAt">,
) {
  const [org, member, content] = await Promise.all([
    Org.get(metadata.orgId),
    orNothing(Member.get(metadata.orgId, properties.memberId)),
    orNothing(Content.get(metadata.orgId, properties.contentId)),
  ]);
  const network = member?.channels.find((channel) => channel.channel === properties.channel);
  return {
    ...properties,
    day: properties.day ?? Org.localDay(org.timeZone, new Date(metadata.occurredAt)),
    context: {
      segment: member?.segment ?? {},
      networkSize: network?.networkSize ?? 0,
      ...(content?.campaignId ? { campaignId: content.campaignId } : {}),
    },
  };
}
