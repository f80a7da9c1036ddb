import { provideTestRuntime } from "@sprida/testing/runtime";
import { activeMember, newEmail, newOrganisation } from "@sprida/testing/test-members";
import { beforeAll, describe, expect, it } from "vitest";
import { Content } from ".";
import { SUGGESTION_LIMIT } from "./suggest";

describe("member suggestions", () => {
  beforeAll(() => provideTestRuntime());

  it("are limited per member in a window, and a refused one writes nothing", async () => {
    // Prepare
    const org = await newOrganisation();
    const member = await activeMember(org, newEmail());
    const colleague = await activeMember(org, newEmail());
    for (let i = 0; i < SUGGESTION_LIMIT.limit; i++) {
      await Content.suggest(member, { url: `https://news.example/${i}` });
    }

    // Act
    const refused = Content.suggest(member, { url: "https://news.example/one-more" });

    // Assess
    await expect(refused).rejects.toMatchObject({ kind: "rate_limited" });
    const queue = await Content.list(org.orgId, { status: "draft", limit: 100 });
    expect(queue.items).toHaveLength(SUGGESTION_LIMIT.limit);
    expect(queue.items.map((item) => item.url)).not.toContain("https://news.example/one-more");
    // Another member's allowance is their own.
    await expect(
      Content.suggest(colleague, { url: "https://news.example/colleague" }),
    ).resolves.toMatchObject({ status: "draft" });
  });
});
