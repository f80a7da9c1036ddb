import { isConditionalCheckFailure } from "../error";
import { Member } from "../member";
import { shareLinkService } from "./link.entity";
import { linksOfMember } from "./links";

/**
 * A member left (`member.left`): forget the post URLs they gave when confirming their shares.
 * A post's address often carries the person's name (a LinkedIn or Mastodon profile path),
 * and the link outlives the member so the organisation's counts stay right. The links, their
 * codes and counts stay; only what the member said about their posts goes. Idempotent: a
 * redelivered event finds nothing left to forget.
 */
export async function forgetPostUrls(delivered: unknown): Promise<{ forgotten: number }> {
  const { properties, metadata } = Member.Events.Left.parse(delivered);
  const { link } = shareLinkService();
  let forgotten = 0;
  for (const { code } of await linksOfMember(metadata.orgId, properties.memberId)) {
    try {
      await link
        .update({ code })
        .remove(["postUrl"])
        .where((attributes, op) => op.exists(attributes.postUrl))
        .go({ response: "none" });
      forgotten += 1;
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
    }
  }
  return { forgotten };
}
