import { Member } from "@sprida/core/member";
import { Report } from "@sprida/core/report";
import { Tally } from "@sprida/core/tally";
import { describe, expect, it } from "vitest";
import { TestLink } from "../../../packages/core/src/tally/test-support";
import { TestClient } from "../../helpers/http";
import { useHttpFlows } from "../../helpers/http-flows";
import { seedOrganisation } from "../../helpers/identity";

const RANGE = "from=2038-03-01&to=2038-03-10";

/** The dashboard's segment filter: a segment's own figures, only for groups it may show. */
describe("reports narrowed to a segment", () => {
  const flow = useHttpFlows();

  /**
   * Stockholm: the four seeded members and two more (6); Göteborg 5; Malmö 2. Malmö is too
   * small, and Göteborg would then be worked out from the rest, so only Stockholm is offered.
   */
  async function organisation() {
    flow.clock.advance(Date.parse("2038-03-10T10:00:00.000Z") - flow.clock.now().getTime());
    const org = await seedOrganisation("Segments");
    const join = async (office: string, index: number) => {
      const { inviteToken } = await Member.invite({
        orgId: org.orgId,
        email: `office-${people.findIndex(([name]) => name === office)}-${index}@segments.example`,
        segment: { office },
        invitedBy: Member.SYSTEM_ACTOR,
      });
      return Member.acceptInvite({ token: inviteToken, guidelinesVersion: 1 });
    };
    const people = [
      ...[1, 2].map((index) => ["Stockholm", index] as const),
      ...[1, 2, 3, 4, 5].map((index) => ["Göteborg", index] as const),
      ...[1, 2].map((index) => ["Malmö", index] as const),
    ];
    const [stockholmer, , goteborger] = await Promise.all(
      people.map(([office, index]) => join(office, index)),
    );
    const inStockholm = new TestLink(org.orgId, stockholmer?.memberId ?? "", "item-a", "linkedin", {
      segment: { office: "Stockholm" },
      networkSize: 100,
      campaignId: "spring-week",
    });
    const inGoteborg = new TestLink(org.orgId, goteborger?.memberId ?? "", "item-a", "x", {
      segment: { office: "Göteborg" },
      networkSize: 40,
    });
    await Tally.applyBatch([
      inStockholm.confirmed("2038-03-05"),
      inStockholm.click("2038-03-05", "human"),
      inStockholm.click("2038-03-06", "human"),
      inGoteborg.confirmed("2038-03-05"),
      inGoteborg.click("2038-03-05", "human"),
      inGoteborg.click("2038-03-05", "human"),
      inGoteborg.click("2038-03-06", "human"),
    ]);
    await Report.rollUpDue({ orgId: org.orgId });
    return new TestClient(flow.app, org.admin.sessionToken);
  }

  it("offers only segments it may show, and gives a segment's own counts and participation", async () => {
    const admin = await organisation();
    const whole = await admin.get(`/api/admin/reports/overview?${RANGE}`);
    expect(whole.status, whole.text).toBe(200);
    expect(whole.body).toMatchObject({
      segments: [{ key: "office:Stockholm", label: "Office: Stockholm", members: 6 }],
      counts: { sharesConfirmed: 2, uniqueClicks: 5, potentialReach: 140 },
      participation: { sharers: 2, optedIn: 13 },
    });
    expect(whole.text).not.toContain("Göteborg");
    expect(whole.text).not.toContain("Malmö");

    const stockholm = await admin.get(
      `/api/admin/reports/overview?${RANGE}&segment=${encodeURIComponent("office:Stockholm")}`,
    );
    expect(stockholm.status, stockholm.text).toBe(200);
    expect(stockholm.body).toMatchObject({
      segment: { key: "office:Stockholm", members: 6 },
      counts: { sharesConfirmed: 1, uniqueClicks: 2, potentialReach: 100 },
      participation: { sharers: 1, optedIn: 6 },
    });

    const series = await admin.get(
      `/api/admin/reports/series?${RANGE}&segment=${encodeURIComponent("office:Stockholm")}`,
    );
    expect(series.status, series.text).toBe(200);
    const points = (series.body as { points: { from: string; counts: { uniqueClicks: number } }[] })
      .points;
    expect(points.filter((point) => point.counts.uniqueClicks > 0)).toMatchObject([
      { from: "2038-03-05", counts: { uniqueClicks: 1 } },
      { from: "2038-03-06", counts: { uniqueClicks: 1 } },
    ]);
  });

  it("gives a campaign's own counts over time, for its progress", async () => {
    const admin = await organisation();
    const response = await admin.get(`/api/admin/reports/series?${RANGE}&campaign=spring-week`);
    expect(response.status, response.text).toBe(200);
    const points = (
      response.body as {
        points: { from: string; counts: { uniqueClicks: number; sharesConfirmed: number } }[];
      }
    ).points;
    expect(points.reduce((sum, point) => sum + point.counts.uniqueClicks, 0)).toBe(2);
    expect(points.reduce((sum, point) => sum + point.counts.sharesConfirmed, 0)).toBe(1);
    const bad = await admin.get(
      `/api/admin/reports/series?${RANGE}&campaign=${encodeURIComponent("../x")}`,
    );
    expect(bad.status).toBe(400);
  });

  it("refuses a segment too small to show, or one that could be worked out, and changes nothing", async () => {
    const admin = await organisation();
    for (const segment of ["office:Malmö", "office:Göteborg", "office:Nowhere"]) {
      for (const path of ["overview", "series"]) {
        const response = await admin.get(
          `/api/admin/reports/${path}?${RANGE}&segment=${encodeURIComponent(segment)}`,
        );
        expect(response.status, `${path} ${segment}`).toBe(400);
        expect(response.body).toMatchObject({ error: { code: "segment_not_offered" } });
      }
    }
  });
});
