import { provideTestRuntime, type RecordingPublisher } from "@sprida/testing/runtime";
import { activeMember, newEmail, newOrganisation } from "@sprida/testing/test-members";
import { beforeAll, describe, expect, it } from "vitest";
import { Org } from "../org";
import { Content } from ".";
import { activeCurator, article } from "./test-support";

describe("when curators' items need an admin's approval", () => {
  let publisher: RecordingPublisher;
  beforeAll(() => {
    publisher = provideTestRuntime().publisher;
  });

  it("a curator's publish stays a draft awaiting approval until an admin approves", async () => {
    const org = await newOrganisation();
    await Org.update(org.orgId, { settings: { curatorsNeedApproval: true } });
    const admin = await activeMember(org, newEmail(), "admin");
    const curator = await activeCurator(org, ["engineering"]);
    const item = await Content.create(curator, article({ topics: ["engineering"] }));

    const submitted = await Content.publish(curator, item.contentId);
    expect(submitted).toMatchObject({ status: "draft", awaitingApproval: true });
    expect(submitted.publishedAt).toBeUndefined();
    const waiting = await Content.list(org.orgId, { awaitingApproval: true });
    expect(waiting.items.map((i) => i.contentId)).toEqual([item.contentId]);
    const emitted = () =>
      publisher.published.filter(
        (event) =>
          event.detailType === "content.published" &&
          (event.detail.properties as { contentId: string }).contentId === item.contentId,
      );
    expect(emitted()).toHaveLength(0);

    await expect(Content.approve(curator, item.contentId)).rejects.toMatchObject({
      kind: "forbidden",
      code: "admin_approval_required",
    });
    const approved = await Content.approve(admin, item.contentId);
    expect(approved).toMatchObject({ status: "published", awaitingApproval: false });
    expect(emitted()).toHaveLength(1);
  });

  it("admins still publish directly", async () => {
    const org = await newOrganisation();
    await Org.update(org.orgId, { settings: { curatorsNeedApproval: true } });
    const admin = await activeMember(org, newEmail(), "admin");
    const item = await Content.create(admin, article());
    expect((await Content.publish(admin, item.contentId)).status).toBe("published");
  });
});
