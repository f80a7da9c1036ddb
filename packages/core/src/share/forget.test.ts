import type { OutgoingEvent } from "@sprida/core/event";
import { provideTestRuntime, type RecordingPublisher } from "@sprida/testing/runtime";
import { activeMember, newEmail, newOrganisation } from "@sprida/testing/test-members";
import { beforeAll, describe, expect, it } from "vitest";
import { Content } from "../content";
import { article } from "../content/test-support";
import { Member } from "../member";
import { Share } from ".";
import { shareLinkService } from "./link.entity";

let publisher: RecordingPublisher;
beforeAll(() => {
  publisher = provideTestRuntime().publisher;
});

/** An outgoing event as EventBridge delivers it to a target. */
const delivered = (event: OutgoingEvent) => ({
  version: "0",
  id: event.detail.metadata.eventId,
  "detail-type": event.detailType,
  source: event.source,
  account: "000000000000",
  time: event.detail.metadata.occurredAt,
  region: "eu-north-1",
  resources: [],
  detail: event.detail,
});

describe("a member who left", () => {
  it("leaves links with their codes and counts but without the post URLs they gave, once", async () => {
    const org = await newOrganisation();
    const admin = await activeMember(org, newEmail(), "admin");
    const member = await activeMember(org, newEmail());
    const other = await activeMember(org, newEmail());
    const draft = await Content.create(admin, article());
    const content = await Content.publish(admin, draft.contentId);
    const share = async (who: typeof member, channel: "linkedin" | "x", postUrl?: string) => {
      const { link } = await Share.linkFor(who, { contentId: content.contentId, channel });
      await Share.confirm(who, { code: link.code, ...(postUrl ? { postUrl } : {}) });
      return link.code;
    };
    const named = await share(member, "linkedin", "https://www.linkedin.com/posts/olga-svensson_1");
    const unnamed = await share(member, "x");
    const others = await share(other, "linkedin", "https://www.linkedin.com/posts/per-persson_2");

    await Member.leave(org.orgId, member.memberId);
    const left = publisher.published.find(
      (event) =>
        event.detailType === "member.left" &&
        (event.detail.properties as { memberId: string }).memberId === member.memberId,
    ) as OutgoingEvent;
    expect(await Share.forgetPostUrls(delivered(left))).toEqual({ forgotten: 1 });
    // Redelivered: nothing left to forget.
    expect(await Share.forgetPostUrls(delivered(left))).toEqual({ forgotten: 0 });

    const [kept, stillUnnamed, theirs] = await Promise.all(
      [named, unnamed, others].map(
        async (code) => (await shareLinkService().link.get({ code }).go({ consistent: true })).data,
      ),
    );
    expect(kept).toMatchObject({ code: named, memberId: member.memberId });
    expect(kept?.confirmedAt).toBeDefined();
    expect(kept).not.toHaveProperty("postUrl");
    expect(stillUnnamed).not.toHaveProperty("postUrl");
    expect(theirs?.postUrl).toBe("https://www.linkedin.com/posts/per-persson_2");
  });
});
