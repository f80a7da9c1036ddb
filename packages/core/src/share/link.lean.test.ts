import { randomUUID } from "node:crypto";
import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { putItem } from "../dynamo/test-support";
import { shareLinkService } from "./link.entity";
import { linkToFollow } from "./link.lean";
import { newLinkCode } from "./link-code";

/** The redirect reads links without ElectroDB (./link.lean.ts): the same item, the same answer. */
describe("the redirect's link read", () => {
  beforeAll(() => provideTestRuntime());

  const link = (code: string) => ({
    code,
    orgId: randomUUID(),
    memberId: randomUUID(),
    contentId: randomUUID(),
    channel: "linkedin" as const,
    destination: "https://acme.example/news?utm_source=linkedin",
    campaignId: "spring",
    createdAt: new Date().toISOString(),
  });

  it("reads the link the entity wrote, under a code with capitals kept as written", async () => {
    const code = `Ab${newLinkCode().slice(2)}`;
    const stored = link(code);
    await shareLinkService().link.create(stored).go();
    const { code: _, orgId, memberId, contentId, channel, destination } = stored;
    expect(await linkToFollow(code)).toEqual({
      code,
      orgId,
      memberId,
      contentId,
      channel,
      destination,
    });
    expect(await linkToFollow(code.toLowerCase())).toBeUndefined();
  });

  it("reads nothing for a malformed code and answers undefined for an unknown one", async () => {
    expect(await linkToFollow("short")).toBeUndefined();
    expect(await linkToFollow("../../etc0")).toBeUndefined();
    expect(await linkToFollow(newLinkCode())).toBeUndefined();
  });

  it("refuses a stored link that link.clicked could not carry", async () => {
    const code = newLinkCode();
    const written = shareLinkService().link.create(link(code)).params().Item as Record<
      string,
      unknown
    >;
    await putItem({ ...written, channel: "carrier-pigeon" });
    await expect(linkToFollow(code)).rejects.toThrow(/stored malformed/);
  });
});
