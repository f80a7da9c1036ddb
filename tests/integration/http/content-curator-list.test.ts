import { describe, expect, it } from "vitest";
import { TestClient } from "../../helpers/http";
import { useHttpFlows } from "../../helpers/http-flows";
import { seedOrganisation } from "../../helpers/identity";

/** The admin site's library as a curator sees it: only items in their topics. */
describe("the library for a curator", () => {
  const flow = useHttpFlows();

  it("lists only the items whose topics are all the curator's; an admin sees every item", async () => {
    const org = await seedOrganisation("CuratorList");
    const admin = new TestClient(flow.app, org.admin.sessionToken);
    const curator = new TestClient(flow.app, org.curator.sessionToken);
    const create = async (title: string, topics: string[]) => {
      const created = await admin.post("/api/content", {
        json: { title, url: "https://acme.example/x", language: "en", topics },
      });
      expect(created.status, created.text).toBe(201);
      return (created.body as { contentId: string }).contentId;
    };
    const mine = await create("Product news", ["product"]);
    const others = await create("HR news", ["hr"]);
    const mixed = await create("Product and HR", ["product", "hr"]);

    const listed = async (client: TestClient) =>
      (
        (await client.get("/api/content?limit=100")).body as { items: { contentId: string }[] }
      ).items.map((item) => item.contentId);
    expect(await listed(curator)).toEqual([mine]);
    expect((await listed(admin)).sort()).toEqual([mine, others, mixed].sort());
  });
});
