import { describe, expect, it } from "vitest";
import { currentPeriod, duePeriod } from "./cadence";

const nightly = { every: "night", atLocalHour: 0 } as const;
const at = (iso: string) => new Date(iso);

describe("when a unit is due, on each organisation's own clock", () => {
  it("gives Auckland and Los Angeles their nightly unit at their own local midnight", () => {
    // 2026-12-05 00:00 is 2026-12-04T11:00Z in Auckland (NZDT, +13) and 08:00Z next day in LA (PST, -8).
    expect(duePeriod(nightly, "Pacific/Auckland", at("2026-12-04T10:59:59Z"))).toBe("2026-12-04");
    expect(duePeriod(nightly, "Pacific/Auckland", at("2026-12-04T11:00:00Z"))).toBe("2026-12-05");
    expect(duePeriod(nightly, "America/Los_Angeles", at("2026-12-04T11:00:00Z"))).toBe(
      "2026-12-04",
    );
    expect(duePeriod(nightly, "America/Los_Angeles", at("2026-12-05T07:59:59Z"))).toBe(
      "2026-12-04",
    );
    expect(duePeriod(nightly, "America/Los_Angeles", at("2026-12-05T08:00:00Z"))).toBe(
      "2026-12-05",
    );
  });

  it("follows daylight saving: local midnight moves by an hour in UTC, and a skipped hour is due at the next", () => {
    // LA springs forward on 2026-03-08 at 02:00: midnight of the 8th is 08:00Z, of the 9th 07:00Z.
    expect(duePeriod(nightly, "America/Los_Angeles", at("2026-03-08T07:59:59Z"))).toBe(
      "2026-03-07",
    );
    expect(duePeriod(nightly, "America/Los_Angeles", at("2026-03-08T08:00:00Z"))).toBe(
      "2026-03-08",
    );
    expect(duePeriod(nightly, "America/Los_Angeles", at("2026-03-09T06:59:59Z"))).toBe(
      "2026-03-08",
    );
    expect(duePeriod(nightly, "America/Los_Angeles", at("2026-03-09T07:00:00Z"))).toBe(
      "2026-03-09",
    );
    // 02:00 does not exist that day: the 02:00 job is due at 03:00 PDT (10:00Z), not before.
    const atTwo = { every: "night", atLocalHour: 2 } as const;
    expect(duePeriod(atTwo, "America/Los_Angeles", at("2026-03-08T09:59:59Z"))).toBeUndefined();
    expect(duePeriod(atTwo, "America/Los_Angeles", at("2026-03-08T10:00:00Z"))).toBe("2026-03-08");
    // Auckland falls back on 2026-04-05 (03:00 NZDT becomes 02:00 NZST): the day has 25 hours,
    // 02:00 comes twice, and both are the same period (the claim runs it once).
    expect(duePeriod(atTwo, "Pacific/Auckland", at("2026-04-04T12:59:59Z"))).toBeUndefined();
    expect(duePeriod(atTwo, "Pacific/Auckland", at("2026-04-04T13:00:00Z"))).toBe("2026-04-05");
    expect(duePeriod(atTwo, "Pacific/Auckland", at("2026-04-04T14:30:00Z"))).toBe("2026-04-05");
    expect(duePeriod(nightly, "Pacific/Auckland", at("2026-04-05T11:59:59Z"))).toBe("2026-04-05");
    expect(duePeriod(nightly, "Pacific/Auckland", at("2026-04-05T12:00:00Z"))).toBe("2026-04-06");
  });

  it("gives a weekly unit on the local Monday morning, named by its ISO week, and not on other days", () => {
    const mondayAtEight = { every: "week", onLocalWeekday: 1, atLocalHour: 8 } as const;
    // Monday 2026-12-07 08:00 is 2026-12-06T19:00Z in Auckland and 2026-12-07T16:00Z in LA.
    expect(
      duePeriod(mondayAtEight, "Pacific/Auckland", at("2026-12-06T18:59:59Z")),
    ).toBeUndefined();
    expect(duePeriod(mondayAtEight, "Pacific/Auckland", at("2026-12-06T19:00:00Z"))).toBe(
      "2026-W50",
    );
    expect(duePeriod(mondayAtEight, "America/Los_Angeles", at("2026-12-06T19:00:00Z"))).toBe(
      undefined,
    );
    expect(duePeriod(mondayAtEight, "America/Los_Angeles", at("2026-12-07T16:00:00Z"))).toBe(
      "2026-W50",
    );
    // Tuesday: the week's unit is no longer due (a missed one stays for the operator).
    expect(
      duePeriod(mondayAtEight, "Pacific/Auckland", at("2026-12-07T11:00:00Z")),
    ).toBeUndefined();
    expect(currentPeriod(mondayAtEight, "Pacific/Auckland", at("2026-12-07T11:00:00Z"))).toBe(
      "2026-W50",
    );
  });

  it("names tick and hourly periods in UTC, the same for everyone", () => {
    const now = at("2026-12-04T17:15:42.123Z");
    expect(duePeriod({ every: "tick" }, "Pacific/Auckland", now)).toBe("2026-12-04T17:15Z");
    expect(duePeriod({ every: "hour" }, "America/Los_Angeles", now)).toBe("2026-12-04T17Z");
  });
});
