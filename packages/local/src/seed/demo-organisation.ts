import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Member } from "@sprida/core/member";
import { Org } from "@sprida/core/org";
import { z } from "zod";

export const DEMO_OWNER_EMAIL = "agnes.owner@demo.sprida.test";

const GUIDELINES = `Sociala medier – riktlinjer för Demo AB (version 1)

1. Att dela är frivilligt. Dela bara det du själv står för.
2. Skriv med egna ord; förslagstexterna är bara förslag.
3. Dela aldrig något som är internt eller konfidentiellt.
4. Var tydlig med att du arbetar på Demo AB när du delar jobbrelaterat innehåll.
5. Frågor? Hör av dig till kommunikation@demo.sprida.test.`;

/** The demo organisation's people: one of each role, a few members, one pending invitation. */
const PEOPLE = [
  { email: DEMO_OWNER_EMAIL, displayName: "Agnes Ägare", role: "owner", unit: "Ledning" },
  {
    email: "adam.admin@demo.sprida.test",
    displayName: "Adam Admin",
    role: "admin",
    unit: "Kommunikation",
  },
  {
    email: "cecilia.curator@demo.sprida.test",
    displayName: "Cecilia Kurator",
    role: "curator",
    unit: "Kommunikation",
  },
  { email: "maja@demo.sprida.test", displayName: "Maja Medlem", role: "member", unit: "Sälj" },
  { email: "mats@demo.sprida.test", displayName: "Mats Medlem", role: "member", unit: "Sälj" },
  {
    email: "mira@demo.sprida.test",
    displayName: "Mira Medlem",
    role: "member",
    unit: "Utveckling",
  },
  {
    email: "milo@demo.sprida.test",
    displayName: "Milo Medlem",
    role: "member",
    unit: "Utveckling",
  },
  { email: "moa@demo.sprida.test", displayName: "Moa Medlem", role: "member", unit: "Utveckling" },
  {
    email: "max@demo.sprida.test",
    displayName: "Max Medlem",
    role: "member",
    unit: "Support",
    joins: false,
  },
] as const;

const Seeded = z.object({ orgId: z.string(), ownerEmail: z.string() });
export type Seeded = z.infer<typeof Seeded>;

/**
 * Creates the demo organisation the first time `npm start` runs on a data folder, and
 * remembers it in `<data>/seeded.json`, so later starts find the same organisation.
 */
export async function seedDemoOrganisation(
  dataDir: string,
  publicOrigin: string,
): Promise<Seeded & { created: boolean }> {
  const marker = join(dataDir, "seeded.json");
  if (existsSync(marker)) {
    const seeded = Seeded.parse(JSON.parse(await readFile(marker, "utf8")));
    if (await Org.find(seeded.orgId)) return { ...seeded, created: false };
  }
  const org = await Org.create({
    name: "Demo AB",
    locale: "sv",
    timeZone: "Europe/Stockholm",
    publicOrigin,
    ownDomains: ["demo.sprida.test"],
    internalNetworks: ["192.0.2.0/24"],
    guidelines: GUIDELINES,
  });
  for (const person of PEOPLE) {
    const { inviteToken } = await Member.invite({
      orgId: org.orgId,
      email: person.email,
      role: person.role,
      displayName: person.displayName,
      segment: { office: "Stockholm", unit: person.unit },
      curatorTopics: person.role === "curator" ? ["produkt", "hållbarhet"] : undefined,
      invitedBy: Member.SYSTEM_ACTOR,
    });
    if (!("joins" in person)) {
      await Member.acceptInvite({
        token: inviteToken,
        guidelinesVersion: org.guidelines?.version ?? 1,
      });
    }
  }
  const seeded = { orgId: org.orgId, ownerEmail: DEMO_OWNER_EMAIL };
  await writeFile(marker, `${JSON.stringify(seeded, null, 2)}\n`);
  return { ...seeded, created: true };
}
