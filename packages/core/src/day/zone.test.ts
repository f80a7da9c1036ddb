import { describe, expect, it } from "vitest";
import { hoursInLocalDay, localDay, localHour, localWeekday, startOfLocalDay } from "./zone.lean";

const at = (iso: string) => new Date(iso);
const start = (timeZone: string, day: string) => startOfLocalDay(timeZone, day).toISOString();

describe("the local day of an instant", () => {
  it("is the zone's calendar date, not UTC's", () => {
    const instant = at("2026-03-10T23:30:00Z");
    expect(localDay("Europe/Stockholm", instant)).toBe("2026-03-11");
    expect(localDay("America/New_York", instant)).toBe("2026-03-10");
    expect(localDay("Pacific/Auckland", instant)).toBe("2026-03-11");
    expect(localDay("UTC", instant)).toBe("2026-03-10");
  });

  it("turns at local midnight, also on a day whose clocks moved", () => {
    expect(localDay("Europe/Stockholm", at("2026-03-29T21:59:59Z"))).toBe("2026-03-29");
    expect(localDay("Europe/Stockholm", at("2026-03-29T22:00:00Z"))).toBe("2026-03-30");
    expect(localDay("Europe/Stockholm", at("2026-10-25T22:59:59Z"))).toBe("2026-10-25");
    expect(localDay("Europe/Stockholm", at("2026-10-25T23:00:00Z"))).toBe("2026-10-26");
  });
});

describe("the local hour and weekday of an instant", () => {
  it("reads the wall clock, which skips an hour in spring and repeats one in autumn", () => {
    expect(localHour("Europe/Stockholm", at("2026-03-29T00:59:59Z"))).toBe(1);
    expect(localHour("Europe/Stockholm", at("2026-03-29T01:00:00Z"))).toBe(3);
    expect(localHour("Europe/Stockholm", at("2026-10-25T00:30:00Z"))).toBe(2);
    expect(localHour("Europe/Stockholm", at("2026-10-25T01:30:00Z"))).toBe(2);
    expect(localHour("America/New_York", at("2026-03-08T07:00:00Z"))).toBe(3);
    expect(localHour("Europe/Stockholm", at("2026-12-04T23:00:00Z"))).toBe(0); // never 24
  });

  it("is the zone's weekday, Monday 1 to Sunday 7", () => {
    // Saturday 03:00 UTC is still Friday evening in New York.
    expect(localWeekday("America/New_York", at("2026-12-05T03:00:00Z"))).toBe(5);
    expect(localWeekday("Europe/Stockholm", at("2026-12-05T03:00:00Z"))).toBe(6);
    expect(localWeekday("Pacific/Auckland", at("2026-12-06T12:00:00Z"))).toBe(1);
  });
});

describe("the instant a local day starts", () => {
  it("is local midnight, in whatever offset holds then", () => {
    expect(start("UTC", "2026-12-04")).toBe("2026-12-04T00:00:00.000Z");
    expect(start("Europe/Stockholm", "2026-12-04")).toBe("2026-12-03T23:00:00.000Z");
    expect(start("Asia/Kathmandu", "2026-06-01")).toBe("2026-05-31T18:15:00.000Z");
  });

  it("makes Stockholm's spring day 23 hours and its autumn day 25", () => {
    expect(start("Europe/Stockholm", "2026-03-29")).toBe("2026-03-28T23:00:00.000Z");
    expect(start("Europe/Stockholm", "2026-03-30")).toBe("2026-03-29T22:00:00.000Z");
    expect(hoursInLocalDay("Europe/Stockholm", "2026-03-29")).toBe(23);
    expect(start("Europe/Stockholm", "2026-10-25")).toBe("2026-10-24T22:00:00.000Z");
    expect(start("Europe/Stockholm", "2026-10-26")).toBe("2026-10-25T23:00:00.000Z");
    expect(hoursInLocalDay("Europe/Stockholm", "2026-10-25")).toBe(25);
    expect(hoursInLocalDay("Europe/Stockholm", "2026-03-28")).toBe(24);
  });

  it("follows New York's changes in March and November", () => {
    expect(start("America/New_York", "2026-03-08")).toBe("2026-03-08T05:00:00.000Z");
    expect(start("America/New_York", "2026-03-09")).toBe("2026-03-09T04:00:00.000Z");
    expect(hoursInLocalDay("America/New_York", "2026-03-08")).toBe(23);
    expect(start("America/New_York", "2026-11-01")).toBe("2026-11-01T04:00:00.000Z");
    expect(hoursInLocalDay("America/New_York", "2026-11-01")).toBe(25);
  });

  it("follows Auckland's southern-hemisphere changes in April and September", () => {
    expect(start("Pacific/Auckland", "2026-04-05")).toBe("2026-04-04T11:00:00.000Z");
    expect(start("Pacific/Auckland", "2026-04-06")).toBe("2026-04-05T12:00:00.000Z");
    expect(hoursInLocalDay("Pacific/Auckland", "2026-04-05")).toBe(25);
    expect(start("Pacific/Auckland", "2026-09-27")).toBe("2026-09-26T12:00:00.000Z");
    expect(hoursInLocalDay("Pacific/Auckland", "2026-09-27")).toBe(23);
  });

  it("is the jump itself where clocks skipped midnight, and the first midnight where it repeated", () => {
    // São Paulo moved from 00:00 to 01:00 on 2018-11-04: that day began at 01:00 local.
    expect(start("America/Sao_Paulo", "2018-11-04")).toBe("2018-11-04T03:00:00.000Z");
    expect(localDay("America/Sao_Paulo", at("2018-11-04T02:59:59Z"))).toBe("2018-11-03");
    // And back from 00:00 to 23:00 on 2019-02-17: 2019-02-16 had 25 hours.
    expect(start("America/Sao_Paulo", "2019-02-17")).toBe("2019-02-17T03:00:00.000Z");
    expect(hoursInLocalDay("America/Sao_Paulo", "2019-02-16")).toBe(25);
  });

  it("is itself on the day, and the second before it is not", () => {
    for (const [zone, day] of [
      ["Europe/Stockholm", "2026-03-29"],
      ["America/New_York", "2026-11-01"],
      ["Pacific/Auckland", "2026-09-27"],
      ["America/Sao_Paulo", "2018-11-04"],
    ] as const) {
      const first = startOfLocalDay(zone, day);
      expect(localDay(zone, first)).toBe(day);
      expect(localDay(zone, new Date(first.getTime() - 1000))).not.toBe(day);
    }
  });
});
