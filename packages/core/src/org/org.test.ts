import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { Audit } from "../audit";
import { newOrg } from "../member/test-support";
import { guidelinesVersion, publishGuidelines } from "./guidelines";
import { daysBetween, localDay } from "./local-day";
import { create, get, update } from "./org";

const valid = {
  name: "Acme",
  locale: "sv" as const,
  timeZone: "Europe/Stockholm",
  publicOrigin: "https://sprida.acme.example/",
};

describe("organisations", () => {
  beforeAll(() => provideTestRuntime());

  it("creates an organisation with normalised settings and reads it back", async () => {
    const org = await create({
      ...valid,
      ownDomains: ["Acme.example", "blog.acme.example", "acme.example"],
      internalNetworks: ["192.0.2.0/24", "2001:db8::/32"],
    });
    expect(org).toMatchObject({
      name: "Acme",
      publicOrigin: "https://sprida.acme.example",
      ownDomains: ["acme.example", "blog.acme.example"],
      internalNetworks: ["192.0.2.0/24", "2001:db8::/32"],
      settings: {},
    });
    expect(org.guidelines).toBeUndefined();
    expect(await get(org.orgId)).toEqual(org);
  });

  it.each([
    ["an unknown time zone", { timeZone: "Mars/Olympus" }],
    ["an origin with a path", { publicOrigin: "https://acme.example/app" }],
    ["an origin with a query", { publicOrigin: "https://acme.example?x=1" }],
    ["a non-http origin", { publicOrigin: "javascript:alert(1)" }],
    ["a host name with a scheme", { ownDomains: ["https://acme.example"] }],
    ["a network that is not a range", { internalNetworks: ["192.0.2.1"] }],
    ["a range with a bad prefix", { internalNetworks: ["10.0.0.0/33"] }],
    ["a locale we do not have", { locale: "de" }],
    ["an unknown field", { colour: "red" }],
    ["an unknown setting", { settings: { surprise: true } }],
    ["a name of only zero-width characters", { name: "\u200B\u200D" }],
    ["a name with a right-to-left override", { name: "Acme \u202EBA" }],
    ["a name with a NUL", { name: "Acme\u0000" }],
  ])("refuses %s as invalid input", async (_, change) => {
    await expect(create({ ...valid, ...change } as never)).rejects.toMatchObject({
      kind: "invalid",
    });
  });

  it("stores names and guidelines normalised to NFC, with line breaks as LF", async () => {
    // Prepare: "Café" and "Ångström" typed with combining marks, as some keyboards send them
    const decomposed = "Cafe\u0301 A\u030Angstro\u0308m";

    // Act
    const org = await create({ ...valid, name: `  ${decomposed}  ` });
    const renamed = await update(org.orgId, { name: `${decomposed} AB` });
    const guidelines = await publishGuidelines(org.orgId, "Var sja\u0308lv.\r\nTa\u0308nk efter.");

    // Assess: what is stored, read back fresh
    expect(org.name).toBe("Café Ångström");
    expect(renamed.name).toBe("Café Ångström AB");
    expect(guidelines.text).toBe("Var själv.\nTänk efter.");
    const stored = await get(org.orgId);
    expect(stored.name).toBe("Caf\u00e9 \u00c5ngstr\u00f6m AB");
    expect(stored.guidelines?.text).toBe("Var själv.\nTänk efter.");
  });

  it("updates with a strict patch and refuses unknown fields", async () => {
    const org = await create(valid);
    const updated = await update(org.orgId, { name: "Acme AB", ownDomains: ["acme.se"] });
    expect(updated).toMatchObject({ name: "Acme AB", ownDomains: ["acme.se"], locale: "sv" });
    await expect(update(org.orgId, { orgId: "other" } as never)).rejects.toMatchObject({
      kind: "invalid",
    });
    await expect(update(org.orgId, { timeZone: "Nowhere/Here" })).rejects.toMatchObject({
      kind: "invalid",
    });
  });

  it("changes only the settings a patch names, and refuses point rules out of range", async () => {
    const org = await create({ ...valid, settings: { curatorsNeedApproval: true } });
    expect(org.settings.points).toEqual({
      perConfirmedShare: 5,
      perUniqueHumanClick: 1,
      maxClickPointsPerLinkPerDay: 20,
      maxPointVisitorsPerAddressPerLinkPerDay: 2,
    });
    const updated = await update(org.orgId, { settings: { points: { perUniqueHumanClick: 2 } } });
    expect(updated.settings).toEqual({
      curatorsNeedApproval: true,
      utmMedium: "employee_advocacy",
      points: {
        perConfirmedShare: 5,
        perUniqueHumanClick: 2,
        maxClickPointsPerLinkPerDay: 20,
        maxPointVisitorsPerAddressPerLinkPerDay: 2,
      },
      weeklyMail: { weekday: 1, hour: 8 },
    });
    await expect(
      update(org.orgId, { settings: { points: { perConfirmedShare: -1 } } }),
    ).rejects.toMatchObject({ kind: "invalid" });
    await expect(
      update(org.orgId, { settings: { surprise: true } } as never),
    ).rejects.toMatchObject({ kind: "invalid" });
    expect((await get(org.orgId)).settings).toEqual(updated.settings);
  });

  it("says not found for an organisation that does not exist, also on update", async () => {
    await expect(get("no-such-org")).rejects.toMatchObject({ kind: "not_found" });
    await expect(update("no-such-org", { name: "x" })).rejects.toMatchObject({
      kind: "not_found",
    });
  });

  it("records who changed the organisation in the audit log when told", async () => {
    const org = await create(valid);
    await update(org.orgId, { name: "Renamed" }, { actorMemberId: "m-1" });
    const { entries } = await Audit.list(org.orgId);
    expect(entries).toMatchObject([
      { action: "org.updated", actorMemberId: "m-1", details: { fields: ["name"] } },
    ]);
  });
});

describe("social media guidelines", () => {
  beforeAll(() => provideTestRuntime());

  it("publishes versions that only grow and keeps every version readable", async () => {
    const org = await newOrg({ guidelines: "First" });
    expect(org.guidelines).toMatchObject({ version: 1, text: "First" });
    const second = await publishGuidelines(org.orgId, "Second");
    expect(second).toMatchObject({ version: 2, text: "Second" });
    expect((await get(org.orgId)).guidelines).toEqual(second);
    expect((await guidelinesVersion(org.orgId, 1)).text).toBe("First");
    expect((await guidelinesVersion(org.orgId, 2)).text).toBe("Second");
    await expect(guidelinesVersion(org.orgId, 3)).rejects.toMatchObject({ kind: "not_found" });
  });

  it("gives concurrent publishers distinct, consecutive versions", async () => {
    const org = await create(valid);
    const published = await Promise.all(
      ["a", "b", "c", "d"].map((text) => publishGuidelines(org.orgId, text)),
    );
    expect(published.map((g) => g.version).sort()).toEqual([1, 2, 3, 4]);
    expect((await get(org.orgId)).guidelines?.version).toBe(4);
    for (const { version, text } of published) {
      expect((await guidelinesVersion(org.orgId, version)).text).toBe(text);
    }
  });

  it("refuses empty guidelines", async () => {
    const org = await create(valid);
    await expect(publishGuidelines(org.orgId, "   ")).rejects.toMatchObject({ kind: "invalid" });
    await expect(publishGuidelines(org.orgId, "\u200B\n\u200B")).rejects.toMatchObject({
      kind: "invalid",
      message: "The text must contain a visible character",
    });
    await expect(publishGuidelines(org.orgId, "Be kind\u0007")).rejects.toMatchObject({
      kind: "invalid",
      message: "The text contains a control character (U+0007)",
    });
    expect((await get(org.orgId)).guidelines).toBeUndefined();
  });
});

describe("local days", () => {
  it("is the organisation's calendar date, not UTC's", () => {
    const at = new Date("2026-03-10T23:30:00Z");
    expect(localDay("Europe/Stockholm", at)).toBe("2026-03-11");
    expect(localDay("America/New_York", at)).toBe("2026-03-10");
    expect(localDay("UTC", at)).toBe("2026-03-10");
  });

  it("lists every day of a range, across month ends", () => {
    expect(daysBetween("2026-02-27", "2026-03-02")).toEqual([
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
      "2026-03-02",
    ]);
  });
});
