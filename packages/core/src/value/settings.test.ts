import { provideTestRuntime } from "@sprida/testing/runtime";
import { activeMember, newEmail, newOrganisation } from "@sprida/testing/test-members";
import { beforeAll, describe, expect, it } from "vitest";
import { Audit } from "../audit";
import { DomainError } from "../error";
import { testClock } from "../member/test-support";
import { DEFAULT_SETTINGS } from "./defaults";
import { setSettings, settingsBetween, settingsOn, versions } from "./settings";

const clock = testClock("2026-06-10T08:00:00.000Z");

beforeAll(() => {
  provideTestRuntime({ now: clock.now });
});

async function setting() {
  const org = await newOrganisation();
  const admin = await activeMember(org, newEmail(), "admin");
  const member = await activeMember(org, newEmail());
  return { org, admin, member };
}

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error) => error,
  );

describe("value settings", () => {
  it("start as the defaults and change from a chosen day, leaving earlier days alone", async () => {
    const { org, admin } = await setting();
    expect(await settingsOn(org.orgId, "2026-06-01")).toEqual(DEFAULT_SETTINGS);

    await setSettings(admin, {
      effectiveFrom: "2026-05-01",
      fixedMonthlyCost: 2_000_00,
      cpc: { x: 60 },
    });
    await setSettings(admin, { effectiveFrom: "2026-06-15", currency: "SEK", hourlyCost: 500_00 });

    const on = await settingsBetween(org.orgId, "2026-04-30", "2026-06-20");
    expect(on("2026-04-30")).toEqual(DEFAULT_SETTINGS);
    expect(on("2026-05-31")).toMatchObject({ fixedMonthlyCost: 2_000_00, currency: "EUR" });
    expect(on("2026-05-31").cpc).toMatchObject({ x: 60, linkedin: DEFAULT_SETTINGS.cpc.linkedin });
    // The later version starts from the one in force on its day.
    expect(on("2026-06-15")).toMatchObject({
      fixedMonthlyCost: 2_000_00,
      currency: "SEK",
      hourlyCost: 500_00,
      cpc: { x: 60 },
    });
    expect((await versions(org.orgId)).map((v) => v.effectiveFrom)).toEqual([
      "2026-06-15",
      "2026-05-01",
    ]);
  });

  it("replace a version from the same day, with the audit log saying what it was", async () => {
    const { org, admin } = await setting();
    await setSettings(admin, { effectiveFrom: "2026-05-01", minutesPerShare: 5 });
    await setSettings(admin, { effectiveFrom: "2026-05-01", minutesPerShare: 2 });

    expect(await versions(org.orgId)).toHaveLength(1);
    expect((await settingsOn(org.orgId, "2026-05-02")).minutesPerShare).toBe(2);
    const { entries } = await Audit.list(org.orgId, { limit: 10 });
    const changes = entries.filter((entry) => entry.action === "value.settings_changed");
    expect(changes).toHaveLength(2);
    expect(changes.map((entry) => entry.details?.replacedVersion).sort()).toEqual([false, true]);
  });

  it("are changed by admins only, with every field checked, and belong to their organisation", async () => {
    const { org, admin, member } = await setting();
    const other = await setting();
    expect(await caught(setSettings(member, { effectiveFrom: "2026-05-01" }))).toMatchObject({
      kind: "forbidden",
    });
    for (const bad of [
      { effectiveFrom: "2026-13-01" },
      { effectiveFrom: "2026-05-01", currency: "euro" },
      { effectiveFrom: "2026-05-01", fixedMonthlyCost: -1 },
      { effectiveFrom: "2026-05-01", fixedMonthlyCost: 10.5 },
      { effectiveFrom: "2026-05-01", cpc: { myspace: 10 } },
      { effectiveFrom: "2026-05-01", attributionWindowDays: 0 },
      { effectiveFrom: "2026-05-01", unknown: 1 },
    ]) {
      const error = await caught(setSettings(admin, bad as never));
      expect(error, JSON.stringify(bad)).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ kind: "invalid" });
    }
    expect(await versions(org.orgId)).toEqual([]);
    await setSettings(other.admin, { effectiveFrom: "2026-05-01", fixedMonthlyCost: 1 });
    expect(await settingsOn(org.orgId, "2026-06-01")).toEqual(DEFAULT_SETTINGS);
  });
});
