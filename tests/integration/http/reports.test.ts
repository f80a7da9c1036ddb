import { Member } from "@sprida/core/member";
import { Report } from "@sprida/core/report";
import { Tally } from "@sprida/core/tally";
import { describe, expect, it } from "vitest";
import { TestLink } from "../../../packages/core/src/tally/test-support";
import { TestClient } from "../../helpers/http";
import { useHttpFlows } from "../../helpers/http-flows";
import { seedOrganisation } from "../../helpers/identity";

type Overview = {
  counts: Record<string, number>;
  value: Record<string, unknown> & { emvByChannel: Record<string, number> };
  participation: Record<string, unknown>;
  freshness: { rolledThrough: string | null; liveDays: string[]; provisional: boolean };
};

const NOW = "2037-11-25T10:00:00.000Z";
const RANGE = "from=2037-11-01&to=2037-11-25";

/** Value, ROI and participation over HTTP, from the nightly rollup and the live day (issue 12). */
describe("reports over HTTP", () => {
  const flow = useHttpFlows();
  const at = (iso: string) => flow.clock.advance(Date.parse(iso) - flow.clock.now().getTime());

  /**
   * An organisation made on 1 November with settings from that day (5.00 a LinkedIn click,
   * 1.00 an X click, 3 000.00 a month, 3 minutes a share at 60.00 an hour), three shares with
   * clicks on 10 and 18 November, rolled up overnight, and one today, read live.
   */
  async function organisation() {
    at("2037-11-01T09:00:00.000Z");
    const org = await seedOrganisation("Reports");
    const admin = new TestClient(flow.app, org.admin.sessionToken);
    const settings = await admin.put("/api/admin/value-settings", {
      json: {
        effectiveFrom: "2037-11-01",
        cpc: { linkedin: 500, x: 100 },
        fixedMonthlyCost: 3_000_00,
        minutesPerShare: 3,
        hourlyCost: 60_00,
      },
    });
    expect(settings.status, settings.text).toBe(200);
    await Member.updateProfile(org.orgId, org.member.memberId, {
      privacy: { namedToAdmins: true, weeklyDigest: true },
    });
    await Member.invite({
      orgId: org.orgId,
      email: "later@reports.example",
      invitedBy: Member.SYSTEM_ACTOR,
    });
    at(NOW);
    const office = { segment: { office: "Stockholm" } };
    const member = new TestLink(org.orgId, org.member.memberId, "item-a", "linkedin", {
      ...office,
      networkSize: 100,
    });
    const curator = new TestLink(org.orgId, org.curator.memberId, "item-b", "x", {
      ...office,
      networkSize: 50,
    });
    const owner = new TestLink(org.orgId, org.owner.memberId, "item-b", "x", {
      ...office,
      networkSize: 25,
    });
    await Tally.applyBatch([
      member.confirmed("2037-11-10"),
      member.click("2037-11-10", "human"),
      member.click("2037-11-10", "human"),
      member.click("2037-11-11", "human"),
      member.click("2037-11-11", "bot"),
      curator.confirmed("2037-11-18"),
      curator.click("2037-11-18", "human"),
      curator.click("2037-11-19", "human"),
      owner.confirmed("2037-11-25"),
      owner.click("2037-11-25", "human"),
    ]);
    await Report.rollUpDue({ orgId: org.orgId });
    return { org, admin };
  }

  it("gives counts, EMV, cost, value ratio, cash ROI and participation, computed by hand", async () => {
    const { admin } = await organisation();
    const response = await admin.get(`/api/admin/reports/overview?${RANGE}`);
    expect(response.status, response.text).toBe(200);
    const overview = response.body as Overview;
    expect(overview.counts).toMatchObject({
      sharesConfirmed: 3,
      humanClicks: 6,
      uniqueClicks: 6,
      botClicks: 1,
      potentialReach: 175,
    });
    // EMV: 3 LinkedIn clicks × 5.00 + 3 X clicks × 1.00. Cost: 25 days of 100.00 a day, and
    // 3 shares × 3 minutes at 60.00 an hour (3.00 a share).
    expect(overview.value).toEqual({
      currency: "EUR",
      emv: 1_800,
      emvByChannel: { linkedin: 1_500, x: 300 },
      impressionValue: 0,
      impressionsIncluded: false,
      fixedCost: 250_000,
      timeCost: 900,
      cost: 250_900,
      conversionValue: 0,
      valueRatio: 1_800 / 250_900,
      cashRoi: -1,
    });
    // Owner, admin, curator and member are opted in; the seeded invitation and ours are open.
    expect(overview.participation).toEqual({
      sharers: 3,
      optedIn: 4,
      rate: 0.75,
      invitedNotJoined: 2,
    });
    expect(overview.freshness).toMatchObject({
      rolledThrough: "2037-11-24",
      liveDays: ["2037-11-25"],
      provisional: true,
    });
  });

  it("reconciles: weeks sum to the range, the range equals the stats' counters, CSV equals JSON", async () => {
    const { admin } = await organisation();
    const overview = (await admin.get(`/api/admin/reports/overview?${RANGE}`)).body as Overview;
    const weekly = await admin.get(`/api/admin/reports/series?${RANGE}&granularity=week`);
    expect(weekly.status, weekly.text).toBe(200);
    const series = weekly.body as {
      points: { period: string; counts: Record<string, number>; emv: number; cost: number }[];
    };
    expect(series.points.map((point) => point.period)).toEqual([
      "2037-W44",
      "2037-W45",
      "2037-W46",
      "2037-W47",
      "2037-W48",
    ]);
    for (const metric of [
      "sharesConfirmed",
      "humanClicks",
      "uniqueClicks",
      "botClicks",
      "potentialReach",
    ]) {
      const sum = series.points.reduce((total, point) => total + (point.counts[metric] ?? 0), 0);
      expect(sum, metric).toBe(overview.counts[metric]);
    }
    expect(series.points.reduce((total, point) => total + point.emv, 0)).toBe(overview.value.emv);
    expect(series.points.reduce((total, point) => total + point.cost, 0)).toBe(overview.value.cost);

    const stats = (await admin.get(`/api/admin/stats/channel?${RANGE}`)).body as {
      totals: Record<string, number>;
    };
    for (const [metric, value] of Object.entries(stats.totals)) {
      expect(overview.counts[metric], metric).toBe(value);
    }

    const channels = await admin.get(`/api/admin/reports/breakdown/channel?${RANGE}`);
    const csv = await admin.get(`/api/admin/reports/breakdown/channel?${RANGE}&format=csv`);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split("\r\n");
    const header = (lines[0] as string).split(",");
    const rows = (
      channels.body as { rows: { key: string; counts: Record<string, number>; emv: number }[] }
    ).rows;
    // Three unique clicks each; X has two confirmed shares to LinkedIn's one.
    expect(rows.map((row) => [row.key, row.emv])).toEqual([
      ["x", 300],
      ["linkedin", 1_500],
    ]);
    rows.forEach((row, index) => {
      const cells = (lines[index + 1] as string).split(",");
      expect(cells[0]).toBe(row.key);
      expect(Number(cells[header.indexOf("uniqueClicks")])).toBe(row.counts.uniqueClicks);
      expect(Number(cells[header.indexOf("emv_minor_units")])).toBe(row.emv);
    });

    const exported = await admin.get(`/api/admin/reports/export?${RANGE}`);
    const [exportHeader = "", ...exportLines] = exported.text.trim().split("\r\n");
    const uniques = exportHeader.split(",").indexOf("uniqueClicks");
    const orgUniques = exportLines
      .map((line) => line.split(","))
      .filter((cells) => cells[1] === "org")
      .reduce((total, cells) => total + Number(cells[uniques]), 0);
    expect(orgUniques).toBe(overview.counts.uniqueClicks);
    expect(exported.text).not.toContain("member");
  });

  it("names only members who chose to be, and hides segments under five people", async () => {
    const { admin, org } = await organisation();
    const members = (await admin.get(`/api/admin/reports/breakdown/member?${RANGE}`)).body as {
      rows: { key: string; label: string }[];
      note: string;
    };
    expect(members.rows.map((row) => [row.key, row.label])).toEqual([
      [org.member.memberId, "Reports member"],
    ]);
    expect(members.note).toMatch(/chose to be named/);
    const segments = await admin.get(`/api/admin/reports/breakdown/segment?${RANGE}`);
    expect((segments.body as { rows: unknown[] }).rows).toEqual([]);
    expect(segments.text).not.toContain("Stockholm");
  });

  it("keeps rolled days' value until an admin recomputes them under back-dated settings", async () => {
    const { admin, org } = await organisation();
    const changed = await admin.put("/api/admin/value-settings", {
      json: { effectiveFrom: "2037-11-01", cpc: { linkedin: 1_000 } },
    });
    expect(changed.status, changed.text).toBe(200);
    const before = (await admin.get(`/api/admin/reports/overview?${RANGE}`)).body as Overview;
    expect(before.value.emvByChannel).toEqual({ linkedin: 1_500, x: 300 });

    const recomputed = await admin.post("/api/admin/reports/recompute", {
      json: { from: "2037-11-01", to: "2037-11-24" },
    });
    expect(recomputed.status, recomputed.text).toBe(200);
    const after = (await admin.get(`/api/admin/reports/overview?${RANGE}`)).body as Overview;
    expect(after.value.emvByChannel).toEqual({ linkedin: 3_000, x: 300 });
    const audit = (await new TestClient(flow.app, org.owner.sessionToken).get("/api/admin/audit"))
      .body as { entries: { action: string }[] };
    const actions = audit.entries.map((entry) => entry.action);
    expect(actions).toContain("report.recomputed");
    expect(actions.filter((action) => action === "value.settings_changed")).toHaveLength(2);
  });

  it("refuses bad ranges and dimensions with a 400, and members with a 403", async () => {
    const { admin, org } = await organisation();
    for (const [path, code] of [
      ["/api/admin/reports/overview?from=2037-11-20&to=2037-11-01", "invalid_range"],
      ["/api/admin/reports/overview?to=2037-11-26", "invalid_range"],
      ["/api/admin/reports/overview?from=2034-01-01&to=2037-11-25", "range_too_long"],
      ["/api/admin/reports/overview?from=2037-02-30", "invalid_request"],
      ["/api/admin/reports/breakdown/people", "invalid_request"],
      ["/api/admin/reports/series?granularity=year", "invalid_request"],
    ] as const) {
      const response = await admin.get(path);
      expect(response.status, `${path}: ${response.text}`).toBe(400);
      expect(response.body, path).toMatchObject({ error: { code } });
    }
    const recompute = await admin.post("/api/admin/reports/recompute", {
      json: { from: "2037-01-01", to: "2037-11-24" },
    });
    expect(recompute.status).toBe(400);
    const member = new TestClient(flow.app, org.member.sessionToken);
    expect((await member.get("/api/admin/reports/overview")).status).toBe(403);
    expect(
      (await member.put("/api/admin/value-settings", { json: { effectiveFrom: "2037-11-01" } }))
        .status,
    ).toBe(403);
  });
});
