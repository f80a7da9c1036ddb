import { readdir, readFile } from "node:fs/promises";
import { join as joinPath } from "node:path";
import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { changeRole, leave, RECORDED, updateSegment } from "../member";
import { join, newOrg, testClock } from "../member/test-support";
import { Org } from "../org";
import { exportOf } from "./export";
import { EXPORT_VERSION, MyDataExport } from "./my-data.schema";
import { EXPORT_SOURCES } from "./sources";

const SOURCE_ROOT = joinPath(import.meta.dirname, "..");
const NAMES_A_MEMBER = /\b(memberId|personId|[a-z]+MemberId)\s*:/;

/** Every ElectroDB entity of the core, by name, and whether its attributes name a member or person. */
async function storedEntities(): Promise<{ name: string; namesMember: boolean }[]> {
  const files = (await readdir(SOURCE_ROOT, { recursive: true })).filter((file) =>
    file.endsWith(".entity.ts"),
  );
  const found: { name: string; namesMember: boolean }[] = [];
  for (const file of files) {
    const text = await readFile(joinPath(SOURCE_ROOT, file), "utf8");
    const models = [...text.matchAll(/model:\s*\{\s*entity:\s*"(\w+)"/g)];
    models.forEach((model, index) => {
      const definition = text.slice(model.index, models[index + 1]?.index ?? text.length);
      found.push({ name: model[1] as string, namesMember: NAMES_A_MEMBER.test(definition) });
    });
  }
  return found;
}

describe("the member's export (right of access)", () => {
  const clock = testClock();
  beforeAll(() => provideTestRuntime({ now: clock.now }));

  it("has one key per category of what is recorded, besides its version, time and organisation", () => {
    // Prepare
    const categories = RECORDED.map((item) => item.id);

    // Act
    const keys = Object.keys(MyDataExport.shape);

    // Assess
    expect(keys.toSorted()).toEqual(
      ["version", "exportedAt", "organisation", ...categories].toSorted(),
    );
  });

  it("places every stored entity that names a member or a person in a category, or says why it is left out", async () => {
    // Prepare
    const entities = await storedEntities();

    // Act
    const naming = entities.filter((entity) => entity.namesMember).map((entity) => entity.name);

    // Assess
    expect(naming.length).toBeGreaterThan(10);
    for (const name of naming) {
      expect(EXPORT_SOURCES, `${name} names a member: where does it go?`).toHaveProperty(name);
    }
    const known = new Set(entities.map((entity) => entity.name));
    for (const [name, source] of Object.entries(EXPORT_SOURCES)) {
      expect(known.has(name), `${name} is not an entity (any more)`).toBe(true);
      expect(Object.keys(MyDataExport.shape)).toContain(source.category);
    }
  });

  it("exports my address, membership, accepted guidelines and admin actions about me", async () => {
    // Prepare
    const org = await newOrg({ guidelines: "Version one" });
    const owner = await join(org.orgId, "owner");
    const me = await join(org.orgId, "member", { displayName: "Maja" });
    clock.advance(1000);
    await changeRole(owner, me.memberId, "curator");
    clock.advance(1000);
    await updateSegment(owner, me.memberId, { office: "Visby" });
    await Org.publishGuidelines(org.orgId, "Version two");

    // Act
    const data = await exportOf(org.orgId, me.memberId);

    // Assess
    expect(data).toMatchObject({
      version: EXPORT_VERSION,
      organisation: { orgId: org.orgId, name: org.name },
      email: { address: me.email, personId: me.personId, personCreatedAt: expect.any(String) },
      display_name: "Maja",
      membership: { memberId: me.memberId, role: "curator", status: "active" },
      segment: { office: "Visby" },
      privacy: { namedToAdmins: false, weeklyDigest: true },
      guidelines_acceptance: { version: 1, text: "Version one" },
      holiday: null,
      shares: [],
      clicks: [],
      points: { week: 0, month: 0, all: 0, perDay: [], badges: [], streak: { weeks: 0 } },
      activity_before_joining: [],
    });
    expect(data.audit.map((entry) => entry.action)).toEqual([
      "member.invited",
      "member.role_changed",
      "member.segment_changed",
    ]);
    expect(MyDataExport.parse(JSON.parse(JSON.stringify(data)))).toEqual(data);
    expect(JSON.stringify(data)).not.toContain("inviteTokenHash");
  });

  it("has nothing to export once I have left", async () => {
    // Prepare
    const org = await newOrg();
    await join(org.orgId, "owner");
    const me = await join(org.orgId);
    await leave(org.orgId, me.memberId);

    // Act
    const exported = exportOf(org.orgId, me.memberId);

    // Assess
    await expect(exported).rejects.toMatchObject({ kind: "not_found" });
  });
});
