import { Member } from "@sprida/core/member";
import { Tally } from "@sprida/core/tally";
import { describe, expect, it } from "vitest";
import { TestLink } from "../../../packages/core/src/tally/test-support";
import { publishContent } from "../../helpers/content";
import { TestClient } from "../../helpers/http";
import { joinAs, sessionOf, unique, useHttpFlows } from "../../helpers/http-flows";
import { type SeededOrg, seedOrganisation } from "../../helpers/identity";

type Board = {
  period: string;
  entries: { rank: number; displayName: string; points: number; you: boolean }[];
  others: { count: number; points: number };
  me: { rank: number | null; points: number; named: boolean };
};
type Standing = {
  points: { week: number; month: number; all: number };
  totals: Record<string, number>;
  badges: { id: string; name: string; awardedAt: string }[];
  streak: { weeks: number; paused: boolean };
  rank: { week: number | null; month: number | null; all: number | null };
  nextBadges: { id: string; name: string; metric: string; threshold: number; current: number }[];
  daily: { day: string; uniqueClicks: number }[];
};
type MyLinks = {
  links: { code: string; channel: string; title: string | null; counts: Record<string, number> }[];
};

// A Wednesday: its ISO week 2037-W48 runs from Monday 23 to Sunday 29 November.
const NOW = "2037-11-25T10:00:00.000Z";

/** Points, badges, streaks, my links and the leaderboard over HTTP (issue 5). */
describe("points and the leaderboard over HTTP", () => {
  const flow = useHttpFlows();
  const at = (iso: string) => flow.clock.advance(Date.parse(iso) - flow.clock.now().getTime());

  const publishedItem = (org: SeededOrg, title: string) =>
    publishContent(new TestClient(flow.app, org.owner.sessionToken), { title });

  /** A confirmed share on `day` and its unique human clicks: 5 + clicks points (defaults). */
  async function shareWithClicks(
    orgId: string,
    memberId: string,
    contentId: string,
    day: string,
    clicks: number,
  ) {
    const link = new TestLink(orgId, memberId, contentId);
    await Tally.applyBatch([
      link.confirmed(day),
      ...Array.from({ length: clicks }, () => link.click(day, "human")),
    ]);
  }

  const optIn = (orgId: string, memberId: string) =>
    Member.updateProfile(orgId, memberId, {
      privacy: { namedToAdmins: true, weeklyDigest: true },
    });

  const ownerRef = (org: SeededOrg) => ({
    orgId: org.orgId,
    memberId: org.owner.memberId,
    personId: org.owner.personId,
    role: "owner" as const,
    status: "active" as const,
  });

  it("names only members who opted in, sums the others, and shows me my own place", async () => {
    at(NOW);
    const org = await seedOrganisation("Points");
    const content = await publishedItem(org, "Our new office");
    const older = await publishedItem(org, "Last month's news");
    const anna = await joinAs(org.orgId, `anna-${unique()}@flows.example`, "member", {
      displayName: "Anna Named",
    });
    // No display name: named by the first part of the address.
    const bertil = await joinAs(org.orgId, `bertil.svensson-${unique()}@flows.example`);
    const hidden = await joinAs(org.orgId, `hidden-${unique()}@flows.example`, "member", {
      displayName: "Hidden Person",
    });
    const gone = await joinAs(org.orgId, `gone-${unique()}@flows.example`, "member", {
      displayName: "Gone Person",
    });
    for (const named of [anna, bertil, gone]) await optIn(org.orgId, named.memberId);

    await shareWithClicks(org.orgId, anna.memberId, content, "2037-11-24", 3); // W48: 8
    await shareWithClicks(org.orgId, anna.memberId, older, "2037-10-14", 10); // October: 15
    await shareWithClicks(org.orgId, bertil.memberId, content, "2037-11-17", 4); // W47: 9
    await shareWithClicks(org.orgId, hidden.memberId, content, "2037-11-23", 1); // W48: 6
    await shareWithClicks(org.orgId, org.member.memberId, content, "2037-11-25", 2); // W48: 7
    await shareWithClicks(org.orgId, gone.memberId, content, "2037-11-24", 50); // 25, deactivated
    await Member.deactivate(ownerRef(org), gone.memberId);

    // Another organisation's named member with many points never shows here.
    const other = await seedOrganisation("Elsewhere");
    await optIn(other.orgId, other.member.memberId);
    await shareWithClicks(other.orgId, other.member.memberId, "c-elsewhere", "2037-11-24", 20);

    const me = new TestClient(flow.app, org.member.sessionToken);
    const board = async (period: string) => {
      const response = await me.get(`/api/leaderboard?period=${period}`);
      expect(response.status, response.text).toBe(200);
      for (const secret of [
        "Hidden Person",
        hidden.email,
        "Gone Person",
        "Elsewhere",
        "Points member",
      ]) {
        expect(response.text, `${period} names ${secret}`).not.toContain(secret);
      }
      return response.body as Board;
    };

    const week = await board("week");
    expect(week.entries).toEqual([
      {
        rank: 1,
        displayName: "Anna Named",
        points: 8,
        uniqueClicks: 3,
        sharesConfirmed: 1,
        you: false,
      },
    ]);
    expect(week.others).toEqual({ count: 2, points: 13 });
    expect(week.me).toEqual({
      rank: 2,
      points: 7,
      uniqueClicks: 2,
      sharesConfirmed: 1,
      named: false,
    });

    const month = await board("month");
    expect(month.entries.map((e) => [e.rank, e.displayName, e.points])).toEqual([
      [1, "Bertil", 9],
      [2, "Anna Named", 8],
    ]);
    expect(month.others).toEqual({ count: 2, points: 13 });
    expect(month.me).toMatchObject({ rank: 3, points: 7 });

    const all = await board("all");
    expect(all.entries.map((e) => [e.rank, e.displayName, e.points])).toEqual([
      [1, "Anna Named", 23],
      [2, "Bertil", 9],
    ]);
    expect(all.me).toMatchObject({ rank: 3, points: 7 });
    // Week is the default period.
    expect(((await me.get("/api/leaderboard")).body as Board).period).toBe("week");

    // Once I opt in, I am named and marked as me.
    await optIn(org.orgId, org.member.memberId);
    const named = (await me.get("/api/leaderboard?period=week")).body as Board;
    expect(named.entries.map((e) => [e.rank, e.displayName, e.you])).toEqual([
      [1, "Anna Named", false],
      [2, "Points member", true],
    ]);

    const mine = (await me.get("/api/me/points")).body as Standing;
    expect(mine.points).toEqual({ week: 7, month: 7, all: 7 });
    expect(mine.rank).toEqual({ week: 2, month: 3, all: 3 });
    expect(mine.totals).toMatchObject({ sharesConfirmed: 1, uniqueClicks: 2, sharePoints: 5 });
    expect(mine.badges.map((badge) => [badge.id, badge.name]).sort()).toEqual([
      ["first_click", "First reader"],
      ["first_share", "First share"],
    ]);

    const annaPoints = (await new TestClient(flow.app, await sessionOf(anna)).get("/api/me/points"))
      .body as Standing;
    expect(annaPoints.points).toEqual({ week: 8, month: 8, all: 23 });
    expect(annaPoints.rank).toEqual({ week: 1, month: 2, all: 1 });

    // A member without points has no rank, and is in nobody's sum.
    const owner = (await new TestClient(flow.app, org.owner.sessionToken).get("/api/me/points"))
      .body as Standing;
    expect(owner).toMatchObject({
      points: { week: 0, month: 0, all: 0 },
      rank: { week: null, month: null, all: null },
      badges: [],
      streak: { weeks: 0, paused: false },
    });
  });

  it("shows the next badge of each kind and my clicks of the last 30 days", async () => {
    at(NOW);
    const org = await seedOrganisation("Sparkline");
    const content = await publishedItem(org, "Sparkline item");
    await shareWithClicks(org.orgId, org.member.memberId, content, "2037-11-20", 3);
    await shareWithClicks(org.orgId, org.member.memberId, content, "2037-10-01", 4);
    const mine = (await new TestClient(flow.app, org.member.sessionToken).get("/api/me/points"))
      .body as Standing;
    expect(mine.nextBadges).toEqual([
      {
        id: "ten_shares",
        name: "Ten shares",
        metric: "sharesConfirmed",
        threshold: 10,
        current: 2,
      },
      {
        id: "hundred_clicks",
        name: "A hundred readers",
        metric: "uniqueClicks",
        threshold: 100,
        current: 7,
      },
    ]);
    expect(mine.daily).toHaveLength(30);
    expect(mine.daily[0]?.day).toBe("2037-10-27");
    expect(mine.daily.at(-1)).toEqual({ day: "2037-11-25", uniqueClicks: 0 });
    // October's clicks are outside the 30 days; the 20th's are in.
    expect(mine.daily.filter((day) => day.uniqueClicks > 0)).toEqual([
      { day: "2037-11-20", uniqueClicks: 3 },
    ]);
  });

  it("names badges in my language", async () => {
    at(NOW);
    const org = await seedOrganisation("Badges");
    const content = await publishedItem(org, "Badge item");
    await shareWithClicks(org.orgId, org.member.memberId, content, "2037-11-25", 0);
    const me = new TestClient(flow.app, org.member.sessionToken);
    expect((await me.patch("/api/me", { json: { locale: "sv" } })).status).toBe(200);
    const mine = (await me.get("/api/me/points")).body as Standing;
    expect(mine.badges.map((badge) => badge.name)).toEqual(["Första delningen"]);
  });

  it("counts a streak of weeks with a share: a holiday pauses it, a gap breaks it", async () => {
    at(NOW);
    const org = await seedOrganisation("Streak");
    const content = await publishedItem(org, "Streak item");
    const { orgId } = org;
    const memberId = org.member.memberId;
    // W47, W46, (W45 nothing), W44, (W43 nothing), W42; this week (W48) has no share yet.
    for (const day of ["2037-11-17", "2037-11-12", "2037-10-28", "2037-10-13"]) {
      await shareWithClicks(orgId, memberId, content, day, 0);
    }
    const me = new TestClient(flow.app, org.member.sessionToken);
    const streak = async () => ((await me.get("/api/me/points")).body as Standing).streak;
    expect(await streak()).toEqual({ weeks: 2, paused: false });

    // Away in W45: it neither breaks the streak nor adds to it.
    const away = await me.patch("/api/me", {
      json: { holiday: { from: "2037-11-04", to: "2037-11-06" } },
    });
    expect(away.status, away.text).toBe(200);
    expect(away.body).toMatchObject({ holiday: { from: "2037-11-04", to: "2037-11-06" } });
    expect(await streak()).toEqual({ weeks: 3, paused: false });

    // Away now: paused.
    await me.patch("/api/me", { json: { holiday: { from: "2037-11-24", to: "2037-12-06" } } });
    expect(await streak()).toEqual({ weeks: 2, paused: true });

    // A share this week adds to it at once.
    await me.patch("/api/me", { json: { holiday: null } });
    await shareWithClicks(orgId, memberId, content, "2037-11-25", 0);
    expect(await streak()).toEqual({ weeks: 3, paused: false });
  });

  it("lists my links, newest first, with every class of click counted", async () => {
    at(NOW);
    const org = await seedOrganisation("Links");
    const content = await publishedItem(org, "Linked item");
    const me = new TestClient(flow.app, org.member.sessionToken);
    const share = async (channel: string) => {
      const response = await me.post(`/api/content/${content}/share`, { json: { channel } });
      expect(response.status, response.text).toBe(200);
      return (response.body as { link: { code: string } }).link.code;
    };
    const linkedin = await share("linkedin");
    flow.clock.advance(1_000);
    const x = await share("x");
    const counted = Object.assign(new TestLink(org.orgId, org.member.memberId, content), {
      linkCode: linkedin,
    });
    await Tally.applyBatch([
      counted.click("2037-11-25", "human"),
      counted.click("2037-11-25", "human"),
      counted.click("2037-11-25", "human", false),
      counted.click("2037-11-25", "bot"),
      counted.click("2037-11-25", "self"),
      counted.click("2037-11-25", "internal"),
    ]);
    const { links } = (await me.get("/api/me/links")).body as MyLinks;
    expect(links.map((link) => [link.code, link.channel, link.title])).toEqual([
      [x, "x", "Linked item"],
      [linkedin, "linkedin", "Linked item"],
    ]);
    expect(links[1]?.counts).toEqual({
      rawClicks: 6,
      botClicks: 1,
      selfClicks: 1,
      internalClicks: 1,
      humanClicks: 3,
      uniqueClicks: 2,
      clickPoints: 2,
    });
    expect(links[0]?.counts.rawClicks).toBe(0);
    // A colleague sees only their own links.
    const colleague = new TestClient(flow.app, org.curator.sessionToken);
    expect(((await colleague.get("/api/me/links")).body as MyLinks).links).toEqual([]);
  });

  it("refuses an unknown period and a holiday out of order or longer than a year, with JSON errors", async () => {
    at(NOW);
    const org = await seedOrganisation("Refusals");
    const me = new TestClient(flow.app, org.member.sessionToken);
    for (const path of ["/api/leaderboard?period=year", "/api/leaderboard?period=week&x=1"]) {
      const response = await me.get(path);
      expect(response.status, path).toBe(400);
      expect(response.body).toMatchObject({ error: { code: expect.any(String) } });
    }
    for (const holiday of [
      { from: "2037-12-01", to: "2037-11-01" },
      { from: "2037-01-01", to: "2027-06-01" },
      { from: "2037-11-31", to: "2037-12-01" },
    ]) {
      const response = await me.patch("/api/me", { json: { holiday } });
      expect(response.status, JSON.stringify(holiday)).toBe(400);
      expect(response.body).toMatchObject({ error: { code: expect.any(String) } });
    }
    expect(((await me.get("/api/me")).body as { holiday: unknown }).holiday).toBeNull();
  });
});
