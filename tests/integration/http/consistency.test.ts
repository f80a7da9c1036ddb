import { describe, expect, it } from "vitest";
import { publishContent } from "../../helpers/content";
import { TestClient } from "../../helpers/http";
import { useHttpFlows } from "../../helpers/http-flows";
import { seedOrganisation } from "../../helpers/identity";

type ErrorAnswer = { error: { code: string; message: string } };

/**
 * The same situation answers the same way everywhere, with a message that names the real
 * problem (a first user's findings: empty bodies, default ranges, archived content, URLs).
 */
describe("consistent answers over HTTP", () => {
  const flow = useHttpFlows();

  it("treats no body and an empty JSON object alike, on actions with a body and without", async () => {
    // Prepare
    const org = await seedOrganisation("Bodies");
    const admin = new TestClient(flow.app, org.admin.sessionToken);
    const [first, second] = await Promise.all([publishContent(admin), publishContent(admin)]);

    // Act: an action that takes no body, and one that takes a body, each without and with {}.
    const archiveBare = await admin.post(`/api/content/${first}/archive`);
    const archiveEmpty = await admin.post(`/api/content/${second}/archive`, { json: {} });
    const inviteBare = await admin.post("/api/admin/invites");
    const inviteEmpty = await admin.post("/api/admin/invites", { json: {} });

    // Assess
    expect(archiveBare.status, archiveBare.text).toBe(200);
    expect(archiveEmpty.status, archiveEmpty.text).toBe(200);
    expect(inviteBare.status).toBe(400);
    expect(inviteEmpty.status).toBe(400);
    expect((inviteBare.body as ErrorAnswer).error.code).toBe(
      (inviteEmpty.body as ErrorAnswer).error.code,
    );
  });

  it("defaults member counts to the last 30 days, like the statistics", async () => {
    // Prepare
    const org = await seedOrganisation("Counts");
    const admin = new TestClient(flow.app, org.admin.sessionToken);

    // Act
    const counts = await admin.get("/api/admin/member-counts");
    const stats = await admin.get("/api/admin/stats/channel");

    // Assess
    expect(counts.status, counts.text).toBe(200);
    const days = (counts.body as { days: { day: string }[] }).days.map(({ day }) => day);
    expect(days).toHaveLength(30);
    expect(stats.body).toMatchObject({ from: days[0], to: days.at(-1) });
  });

  it("says an archived item was archived, rather than that it does not exist", async () => {
    // Prepare
    const org = await seedOrganisation("Archived");
    const admin = new TestClient(flow.app, org.admin.sessionToken);
    const member = new TestClient(flow.app, org.member.sessionToken);
    const contentId = await publishContent(admin);
    expect((await admin.post(`/api/content/${contentId}/archive`)).status).toBe(200);

    // Act
    const shared = await member.post(`/api/content/${contentId}/share`, {
      json: { channel: "linkedin" },
    });

    // Assess
    expect(shared.status).toBe(410);
    expect((shared.body as ErrorAnswer).error).toMatchObject({ code: "content_archived" });
  });

  it("names credentials in a URL as the problem, not the scheme", async () => {
    // Prepare
    const org = await seedOrganisation("Credentials");
    const admin = new TestClient(flow.app, org.admin.sessionToken);

    // Act
    const created = await admin.post("/api/content", {
      json: { title: "Secret", url: "https://user:pw@news.example/", language: "en" },
    });

    // Assess
    expect(created.status).toBe(400);
    const issues = (created.body as { error: { issues: { path: string; message: string }[] } })
      .error.issues;
    expect(issues).toEqual([
      { path: "url", message: "A URL cannot carry a user name or password" },
    ]);
  });
});
