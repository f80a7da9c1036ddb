import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Member } from "@sprida/core/member";
import { Org, type Info as Organisation } from "@sprida/core/org";
import { z } from "zod";
import { type DemoActivity, seedActivity } from "./demo-activity";
import { seedCampaign, seedContent } from "./demo-content";

export const DEMO_OWNER_EMAIL = "agnes.owner@demo.sprida.test";

const GUIDELINES = `Sociala medier – riktlinjer för Demo AB (version 1)

1. Att dela är frivilligt. Dela bara det du själv står för.
2. Skriv med egna ord; förslagstexterna är bara förslag.
3. Dela aldrig något som är internt eller konfidentiellt.
4. Var tydlig med att du arbetar på Demo AB när du delar jobbrelaterat innehåll.
5. Frågor? Hör av dig till kommunikation@demo.sprida.test.`;

/**
 * The demo organisation's people: one of each role, a few members, one pending invitation.
 * Those who join fill in their profile: the networks they post to, with their size (the
 * basis of potential reach), and whether admins and leaderboards may name them.
 */
const PEOPLE = {
  agnes: {
    email: DEMO_OWNER_EMAIL,
    displayName: "Agnes Ägare",
    role: "owner",
    unit: "Ledning",
    profile: { channels: { linkedin: 1200, threads: 300 }, named: false },
  },
  adam: {
    email: "adam.admin@demo.sprida.test",
    displayName: "Adam Admin",
    role: "admin",
    unit: "Kommunikation",
    profile: { channels: { linkedin: 850, facebook: 420 }, named: true },
  },
  cecilia: {
    email: "cecilia.curator@demo.sprida.test",
    displayName: "Cecilia Kurator",
    role: "curator",
    unit: "Kommunikation",
    profile: { channels: { linkedin: 610, instagram: 1500 }, named: true },
  },
  maja: {
    email: "maja@demo.sprida.test",
    displayName: "Maja Medlem",
    role: "member",
    unit: "Sälj",
    profile: { channels: { linkedin: 400, facebook: 230 }, named: true },
  },
  mats: {
    email: "mats@demo.sprida.test",
    displayName: "Mats Medlem",
    role: "member",
    unit: "Sälj",
    profile: { channels: { linkedin: 320, email: 60 }, named: false },
  },
  mira: {
    email: "mira@demo.sprida.test",
    displayName: "Mira Medlem",
    role: "member",
    unit: "Utveckling",
    profile: { channels: { linkedin: 540, bluesky: 180 }, named: true, locale: "en" },
  },
  milo: {
    email: "milo@demo.sprida.test",
    displayName: "Milo Medlem",
    role: "member",
    unit: "Utveckling",
    profile: { channels: { whatsapp: 40, telegram: 90 }, named: false },
  },
  moa: {
    email: "moa@demo.sprida.test",
    displayName: "Moa Medlem",
    role: "member",
    unit: "Utveckling",
    profile: { channels: { linkedin: 150, facebook: 410 }, named: false },
  },
  max: {
    email: "max@demo.sprida.test",
    displayName: "Max Medlem",
    role: "member",
    unit: "Support",
  },
} as const satisfies Record<string, Person>;

interface Person {
  email: string;
  displayName: string;
  role: Member.Role;
  unit: string;
  /** Absent: invited, not joined yet. */
  profile?: { channels: Record<string, number>; named: boolean; locale?: Member.Locale };
}

type Joined = {
  [Key in keyof typeof PEOPLE]: (typeof PEOPLE)[Key] extends { profile: object } ? Key : never;
}[keyof typeof PEOPLE];

const Seeded = z.object({ orgId: z.string(), ownerEmail: z.string() });
export type Seeded = z.infer<typeof Seeded>;
export type SeedResult = Seeded & {
  created: boolean;
  /** What the first start put in motion (absent when the organisation was already there). */
  activity?: DemoActivity;
};

/**
 * Creates the demo organisation the first time `npm start` runs on a data folder, and
 * remembers it in `<data>/seeded.json`, so later starts find the same organisation. It is
 * created alive: a library, a campaign, profiles, shares and clicks, all through the
 * domain's own commands, so its numbers are made the way real ones are. The marker is
 * written last: a start interrupted halfway makes a fresh organisation next time.
 */
export async function seedDemoOrganisation(dataDir: string): Promise<SeedResult> {
  const marker = join(dataDir, "seeded.json");
  if (existsSync(marker)) {
    const seeded = Seeded.parse(JSON.parse(await readFile(marker, "utf8")));
    if (await Org.find(seeded.orgId)) return { ...seeded, created: false };
  }
  const org = await Org.create({
    name: "Demo AB",
    locale: "sv",
    timeZone: "Europe/Stockholm",
    // No origin of its own: links follow the running server, whatever port it listens on.
    ownDomains: ["demo.sprida.test"],
    internalNetworks: ["192.0.2.0/24"],
    guidelines: GUIDELINES,
  });
  // The library's authors join first; the campaign, then the library that names it, are
  // made while the others join.
  const authors = await seedPeople(org, ["adam", "cecilia"]);
  const [others, library] = await Promise.all([
    seedPeople(org, ["agnes", "maja", "mats", "mira", "milo", "moa", "max"]),
    seedCampaign(authors.adam).then(() =>
      seedContent({ admin: authors.adam, curator: authors.cecilia }),
    ),
  ]);
  const activity = await seedActivity({ ...authors, ...others }, library);

  const seeded = { orgId: org.orgId, ownerEmail: DEMO_OWNER_EMAIL };
  await writeFile(marker, `${JSON.stringify(seeded, null, 2)}\n`);
  return { ...seeded, created: true, activity };
}

/**
 * Invites these people and lets those who join accept and fill in their profile. Joins go
 * one at a time: each moves the organisation's member counts, and concurrent joins would
 * only take turns through retries. A profile touches only its own member, so it is saved
 * while the next person joins.
 */
async function seedPeople<Key extends keyof typeof PEOPLE>(
  org: Organisation,
  keys: Key[],
): Promise<Record<Extract<Key, Joined>, Member.MembershipRef>> {
  const joined: Partial<Record<Joined, Member.MembershipRef>> = {};
  const profiles: Promise<unknown>[] = [];
  for (const key of keys) {
    const person: Person = PEOPLE[key];
    const { inviteToken } = await Member.invite({
      orgId: org.orgId,
      email: person.email,
      role: person.role,
      displayName: person.displayName,
      segment: { office: "Stockholm", unit: person.unit },
      curatorTopics: person.role === "curator" ? ["produkt", "hållbarhet"] : undefined,
      invitedBy: Member.SYSTEM_ACTOR,
    });
    if (!person.profile) continue;
    const ref = await Member.acceptInvite({
      token: inviteToken,
      guidelinesVersion: org.guidelines?.version ?? 1,
    });
    const { channels, named, locale } = person.profile;
    profiles.push(
      Member.updateProfile(org.orgId, ref.memberId, {
        ...(locale ? { locale } : {}),
        channels: Object.entries(channels).map(([channel, networkSize]) => ({
          channel,
          networkSize,
        })),
        privacy: { namedToAdmins: named, weeklyDigest: true },
      }),
    );
    joined[key as Joined] = ref;
  }
  await Promise.all(profiles);
  return joined as Record<Extract<Key, Joined>, Member.MembershipRef>;
}
