import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { addDays } from "@sprida/core/day";
import { Org } from "@sprida/core/org";
import { Runtime } from "@sprida/core/runtime";
import { z } from "zod";
import { type DemoActivity, type DemoSharers, seedActivity } from "./demo-activity";
import { demoClock } from "./demo-clock";
import { type DemoLibrary, publishedOn, seedCampaigns, seedContent } from "./demo-content";
import { historyPlan } from "./demo-history";
import { type DemoHistory, type HistoryLinks, seedHistoryDay } from "./demo-history-run";
import { DEMO_OWNER_EMAIL } from "./demo-people";
import { joinedOn, seedPeople } from "./demo-people-run";
import { seedValueSettings } from "./demo-value";

export { DEMO_OWNER_EMAIL };

const GUIDELINES = `Sociala medier – riktlinjer för Demo AB (version 1)

1. Att dela är frivilligt. Dela bara det du själv står för.
2. Skriv med egna ord; förslagstexterna är bara förslag.
3. Dela aldrig något som är internt eller konfidentiellt.
4. Var tydlig med att du arbetar på Demo AB när du delar jobbrelaterat innehåll.
5. Frågor? Hör av dig till kommunikation@demo.sprida.test.`;

const TIME_ZONE = "Europe/Stockholm";
/** The organisation begins the day before its history's first share; its founders join then. */
const FIRST_DAY_AGO = 90;

const Seeded = z.object({ orgId: z.string(), ownerEmail: z.string() });
export type Seeded = z.infer<typeof Seeded>;
export type SeedResult = Seeded & {
  created: boolean;
  /** Today's activity (absent when the organisation was already there). */
  activity?: DemoActivity;
  /** What the first start played before today, for the totals the tally must reach. */
  history?: DemoHistory;
};

/** Told how far the history has come, so a first start can say what it is doing. */
export type SeedProgress = (message: string) => void;

/**
 * Creates the demo organisation the first time `npm start` runs on a data folder, and
 * remembers it in `<data>/seeded.json`, so later starts find the same organisation (and
 * seed nothing). It is created with three months behind it: with the runtime's clock set
 * back day by day, people join, the admin sets what clicks are worth and what the programme
 * costs, campaigns and content appear, members take links and their
 * audiences click, all through the domain's own commands, so the history's numbers are made
 * the way real ones are. Then today, on the real clock. The marker is written last: a start
 * interrupted halfway makes a fresh organisation next time.
 */
export async function seedDemoOrganisation(
  dataDir: string,
  progress: SeedProgress = () => {},
): Promise<SeedResult> {
  const marker = join(dataDir, "seeded.json");
  if (existsSync(marker)) {
    const seeded = Seeded.parse(JSON.parse(await readFile(marker, "utf8")));
    if (await Org.find(seeded.orgId)) return { ...seeded, created: false };
  }
  const today = Org.localDay(TIME_ZONE, Runtime.use().now());
  const members: Partial<DemoSharers> = {};
  const library: Partial<DemoLibrary> = {};
  const history: DemoHistory = {
    links: 0,
    confirmedByMembers: 0,
    clicks: 0,
    joins: 0,
    conversions: 0,
  };
  const clock = demoClock();
  let orgId: string;
  try {
    clock.setDay(addDays(today, -FIRST_DAY_AGO));
    const org = await Org.create({
      name: "Demo AB",
      locale: "sv",
      timeZone: TIME_ZONE,
      // No origin of its own: links follow the running server, whatever port it listens on.
      ownDomains: ["demo.sprida.test"],
      internalNetworks: ["192.0.2.0/24"],
      guidelines: GUIDELINES,
    });
    orgId = org.orgId;
    const plan = historyPlan(today);
    const links: HistoryLinks = new Map();
    for (let daysAgo = FIRST_DAY_AGO; daysAgo >= 1; daysAgo--) {
      clock.setDay(addDays(today, -daysAgo));
      const joining = joinedOn(daysAgo);
      Object.assign(members, await seedPeople(org, joining));
      history.joins += joining.length;
      const { adam, cecilia } = members;
      if (!adam || !cecilia) throw new Error("The demo's admin and curator join first");
      await seedValueSettings(adam, today, daysAgo);
      await seedCampaigns(adam, today, daysAgo);
      await seedContent({ admin: adam, curator: cecilia }, publishedOn(daysAgo), library);
      const day = await seedHistoryDay(
        orgId,
        plan,
        daysAgo,
        members as DemoSharers,
        library as DemoLibrary,
        links,
      );
      history.links += day.links;
      history.confirmedByMembers += day.confirmedByMembers;
      history.clicks += day.clicks;
      history.conversions += day.conversions;
      const done = FIRST_DAY_AGO - daysAgo + 1;
      if (done % 10 === 0) progress(`${done} of ${FIRST_DAY_AGO} days of history`);
    }
  } finally {
    clock.restore();
  }

  // Today, on the real clock: the last invitation, the newest items' shares and clicks.
  const org = await Org.get(orgId);
  await seedPeople(org, joinedOn(0));
  const activity = await seedActivity(members as DemoSharers, library as DemoLibrary);

  const seeded = { orgId, ownerEmail: DEMO_OWNER_EMAIL };
  await writeFile(marker, `${JSON.stringify(seeded, null, 2)}\n`);
  return { ...seeded, created: true, activity, history };
}
