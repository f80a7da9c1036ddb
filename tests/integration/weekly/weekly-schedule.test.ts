import { Job } from "@sprida/core/job";
import { Org } from "@sprida/core/org";
import { Jobs } from "@sprida/functions/jobs";
import { beforeAll, describe, expect, it } from "vitest";
import { provideTestRuntime } from "../../helpers/runtime";

/** The weekly e-mails go out on each organisation's own clock, at the day and hour it chose. */
describe("the weekly job's schedule", () => {
  const weekly = Job.findOrgJob(Jobs, "weekly");
  let mondays: string;
  let tuesdays: string;

  beforeAll(async () => {
    provideTestRuntime();
    const base = { locale: "sv" as const, timeZone: "Europe/Stockholm" };
    mondays = (await Org.create({ ...base, name: "Monday mail" })).orgId;
    tuesdays = (await Org.create({ ...base, name: "Tuesday mail" })).orgId;
    await Org.update(tuesdays, { settings: { weeklyMail: { weekday: 2, hour: 7 } } });
  });

  const dueAt = async (iso: string) =>
    (await Job.dueUnits(weekly, new Date(iso)))
      .filter((unit) => unit.orgId === mondays || unit.orgId === tuesdays)
      .map((unit) => [unit.orgId === mondays ? "monday" : "tuesday", unit.period]);

  it("is due from the chosen local hour of the chosen weekday until that day ends", async () => {
    // Monday 7 December 2026, 07:30 in Stockholm: not yet 08:00.
    expect(await dueAt("2026-12-07T06:30:00Z")).toEqual([]);
    expect(await dueAt("2026-12-07T07:05:00Z")).toEqual([["monday", "2026-W50"]]);
    expect(await dueAt("2026-12-07T22:55:00Z")).toEqual([["monday", "2026-W50"]]);
    // Tuesday 8 December, 07:15 local.
    expect(await dueAt("2026-12-08T06:15:00Z")).toEqual([["tuesday", "2026-W50"]]);
  });

  it("keeps the other settings when the time changes, and refuses a weekday or hour out of range", async () => {
    const org = await Org.get(tuesdays);
    expect(org.settings.weeklyMail).toEqual({ weekday: 2, hour: 7 });
    await Org.update(tuesdays, { settings: { weeklyMail: { hour: 9 } } });
    expect((await Org.get(tuesdays)).settings.weeklyMail).toEqual({ weekday: 2, hour: 9 });
    await expect(
      Org.update(tuesdays, { settings: { weeklyMail: { weekday: 8 } } }),
    ).rejects.toMatchObject({ kind: "invalid" });
    await expect(
      Org.update(tuesdays, { settings: { weeklyMail: { hour: 24 } } }),
    ).rejects.toMatchObject({ kind: "invalid" });
    expect((await Org.get(tuesdays)).settings.weeklyMail).toEqual({ weekday: 2, hour: 9 });
  });
});
