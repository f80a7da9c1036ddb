import { expect } from "vitest";
import type { TestClient } from "./http";

/**
 * A content item created and published over HTTP by `owner` (an owner or admin client):
 * the fields given replace the defaults. Returns its id.
 */
export async function publishContent(
  owner: TestClient,
  fields: Record<string, unknown> = {},
): Promise<string> {
  const created = await owner.post("/api/content", {
    json: {
      title: "Our new office opens",
      summary: "In Malmö",
      url: "https://www.news.example/office",
      language: "en",
      topics: ["news"],
      ...fields,
    },
  });
  expect(created.status, created.text).toBe(201);
  const { contentId } = created.body as { contentId: string };
  const published = await owner.post(`/api/content/${contentId}/publish`);
  expect(published.status, published.text).toBe(200);
  return contentId;
}
