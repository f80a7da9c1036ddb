import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { expect } from "vitest";

/** Git-ignored: look at them after a run (README shows copies of a few). */
export const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), "..", "screenshots");

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/**
 * One state of a page, checked and kept: axe-core finds no WCAG 2.2 AA violation, and a
 * screenshot is saved as `<width>-<name>.png`. `exclude` leaves out what axe cannot enter (a
 * sandboxed e-mail preview, scanned on its own by tests/e2e/mail-rendering.test.ts).
 */
export async function checkState(page: Page, name: string, options: { exclude?: string } = {}) {
  await page.waitForLoadState("networkidle");
  // Finish every transition (drawers, modals, a notification fading in) before the scan and
  // the picture: a half-faded text would be scanned at its passing, lower contrast.
  await page.addStyleTag({
    content: "*, *::before, *::after { transition: none !important; animation: none !important; }",
  });
  await page.waitForTimeout(350);
  const builder = new AxeBuilder({ page }).withTags(WCAG_22_AA);
  if (options.exclude) builder.exclude(options.exclude);
  const results = await builder.analyze();
  const violations = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.nodes
        .slice(0, 3)
        .map((node) => `${node.target.join(" ")} – ${node.failureSummary ?? ""}`)
        .join(" | ")}`,
  );
  expect(violations, `axe on ${name}`).toEqual([]);
  await mkdir(SCREENSHOTS, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: join(SCREENSHOTS, `${width}-${name}.png`), fullPage: true });
}
