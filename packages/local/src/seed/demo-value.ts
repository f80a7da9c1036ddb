import { addDays } from "@sprida/core/day";
import type { Member } from "@sprida/core/member";
import { Value } from "@sprida/core/value";

/**
 * What Demo AB says its programme costs and its clicks are worth (in öre), set by the admin
 * the day the organisation began and changed once, when the past campaign started: more
 * seats on the licence, and LinkedIn ads had become dearer. Made on their days, so the
 * history's value and ROI use the version in force on each day.
 */
export const DEMO_VALUE_SETTINGS = [
  {
    daysAgo: 90,
    change: {
      currency: "SEK",
      cpc: {
        linkedin: 5_000,
        facebook: 900,
        instagram: 1_100,
        threads: 900,
        x: 450,
        bluesky: 500,
        whatsapp: 500,
        telegram: 500,
        email: 500,
      },
      fixedMonthlyCost: 800_000,
      minutesPerShare: 4,
      hourlyCost: 45_000,
    },
  },
  {
    daysAgo: 45,
    change: { cpc: { linkedin: 6_000 }, fixedMonthlyCost: 1_000_000 },
  },
] as const satisfies readonly {
  daysAgo: number;
  change: Omit<Value.SettingsChange, "effectiveFrom">;
}[];

/** The value settings the admin sets a number of days before `today`, from that day. */
export async function seedValueSettings(
  admin: Member.MembershipRef,
  today: string,
  daysAgo: number,
): Promise<void> {
  for (const version of DEMO_VALUE_SETTINGS) {
    if (version.daysAgo !== daysAgo) continue;
    await Value.setSettings(admin, {
      ...version.change,
      effectiveFrom: addDays(today, -daysAgo),
    });
  }
}
