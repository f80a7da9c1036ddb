import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Value } from "@sprida/core/value";
import { describe, expect, it } from "vitest";

/** docs/metrics.md states the defaults: it must say what the code does. */
const page = readFileSync(join(import.meta.dirname, "../../docs/metrics.md"), "utf8");
const money = (cents: number) => (cents / 100).toFixed(2);

describe("docs/metrics.md", () => {
  it("gives every default value setting as the code has it, with its source", () => {
    const d = Value.DEFAULT_SETTINGS;
    const rows: [string, string][] = [
      ["currency", d.currency],
      ...Object.entries(d.cpc).map(([channel, cpc]): [string, string] => [
        `CPC ${channel}`,
        money(cpc),
      ]),
      ["fixed monthly cost", money(d.fixedMonthlyCost)],
      ["minutes per confirmed share", String(d.minutesPerShare)],
      ["hourly cost", money(d.hourlyCost)],
      ["attribution window", `${d.attributionWindowDays} days`],
    ];
    const cells = (line: string) => line.split("|").map((cell) => cell.trim());
    const table = new Map(
      page
        .split("\n")
        .filter((line) => line.startsWith("|"))
        .map((line) => [cells(line)[1], cells(line)[2]]),
    );
    for (const [setting, value] of rows) expect(table.get(setting), setting).toBe(value);
    for (const source of Object.values(Value.DEFAULT_SOURCES)) {
      if (source.url) expect(page).toContain(source.url);
    }
  });
});
