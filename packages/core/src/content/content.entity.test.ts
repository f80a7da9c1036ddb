import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { contentService, toItem } from "./content.entity";
import type { Info as Content, ContentStatus } from "./content.schema";

describe("how a content item is stored", () => {
  beforeAll(() => provideTestRuntime());

  const item = (status: ContentStatus): Content => ({
    orgId: "org-1",
    contentId: "content-1",
    kind: "external",
    title: "Title",
    summary: "",
    url: "https://acme.example/",
    topics: [],
    language: "en",
    status,
    publishAt: "2030-01-01T00:00:00.000Z",
    expiresAt: "2030-02-01T00:00:00.000Z",
    featured: false,
    suggestedTexts: [],
    source: "admin",
    createdBy: "member-1",
    awaitingApproval: false,
    createdAt: "2029-12-01T00:00:00.000Z",
    updatedAt: "2029-12-01T00:00:00.000Z",
    ...(status === "published" ? { publishedAt: "2030-01-01T00:00:00.000Z" } : {}),
  });

  const stored = (status: ContentStatus) =>
    contentService()
      .content.put(toItem(item(status), 1))
      .params().Item as Record<string, unknown>;

  // ElectroDB lower-cases keys; ISO instants sort the same either way.
  it("only a published item sits in the feed index (gsi1), sorted by publishedAt", () => {
    const published = stored("published");
    expect(published.gsi1pk).toContain("org-1");
    expect(String(published.gsi1sk)).toContain("2030-01-01t00:00:00.000z");
    for (const status of ["draft", "scheduled", "archived"] as const) {
      expect(stored(status).gsi1pk).toBeUndefined();
    }
  });

  it("only a scheduled item sits in the schedule index (gsi2), sorted by publishAt", () => {
    expect(String(stored("scheduled").gsi2sk)).toContain("2030-01-01t00:00:00.000z");
    for (const status of ["draft", "published", "archived"] as const) {
      expect(stored(status).gsi2pk).toBeUndefined();
    }
  });

  it("keeps the content's expiry out of the table's TTL attribute", () => {
    const draft = stored("draft");
    expect(draft.expiresAt).toBeUndefined();
    expect(draft.contentExpiresAt).toBe("2030-02-01T00:00:00.000Z");
  });
});
