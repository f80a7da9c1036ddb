import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import { Mail, type Message } from "@sprida/core/mail";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminReportSample, digestSample, SAMPLE_IMAGE_ORIGIN } from "../helpers/mail-samples";
import { SCREENSHOTS } from "./support/accessibility";
import { DESKTOP, launchBrowser, PHONE, type TestBrowser } from "./support/browser";

const DOCS_IMAGES = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "docs", "images");
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** A stand-in for an item's picture, answered by the test: nothing leaves the machine. */
const PICTURE = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1c5fb8"/><stop offset="1" stop-color="#6aa3e8"/></linearGradient></defs>
<rect width="1200" height="630" fill="url(#g)"/><circle cx="930" cy="200" r="140" fill="#ffffff" fill-opacity="0.25"/>
<rect x="120" y="380" width="520" height="44" rx="8" fill="#ffffff" fill-opacity="0.8"/>
<rect x="120" y="450" width="360" height="30" rx="8" fill="#ffffff" fill-opacity="0.6"/></svg>`;

interface Sample {
  name: string;
  locale: "sv" | "en";
  render: () => Promise<Message>;
  /** Where the README's picture of this e-mail goes (English, desktop width, full page). */
  docs?: string;
}

const samples: Sample[] = [
  ...(["sv", "en"] as const).flatMap((locale): Sample[] => [
    {
      name: `admin-report-${locale}`,
      locale,
      render: () => Mail.adminReportMessage(adminReportSample(locale)),
      ...(locale === "en" && { docs: "mail-admin-report.png" }),
    },
    {
      name: `digest-${locale}`,
      locale,
      render: () => Mail.digestMessage(digestSample(locale)),
      ...(locale === "en" && { docs: "mail-digest.png" }),
    },
  ]),
  {
    name: "sign-in-sv",
    locale: "sv",
    render: () =>
      Mail.signInMessage({
        locale: "sv",
        orgName: "Demo AB",
        link: "https://demo.sprida.example/sign-in?token=abc_DEF-123",
        code: "042917",
        validMinutes: 15,
      }),
  },
];

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.nodes
        .slice(0, 3)
        .map((node) => `${node.target.join(" ")} – ${node.failureSummary ?? ""}`)
        .join(" | ")}`,
  );
}

/**
 * Every e-mail Sprida sends, as a mail client shows it: the HTML alone in Chromium, at phone
 * and desktop widths. Each passes axe-core at WCAG 2.2 AA, fits a phone without sideways
 * scrolling, has one heading at the top and shows its pictures; screenshots are kept to look at.
 */
describe("the e-mails in Chromium", () => {
  let browser: TestBrowser;

  beforeAll(async () => {
    browser = await launchBrowser();
    await mkdir(SCREENSHOTS, { recursive: true });
    await mkdir(DOCS_IMAGES, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  // One test per e-mail and width: an axe scan of a long e-mail takes seconds on CI.
  const cases = samples.flatMap((sample) =>
    [PHONE, DESKTOP].map((viewport) => ({ ...sample, viewport, width: viewport.width })),
  );

  it.each(cases)(
    "$name at $width px passes axe, fits the width and shows its pictures",
    async ({ name, locale, render, docs, viewport }) => {
      const message = await render();
      const context = await browser.context({ viewport, locale });
      try {
        // A mail client fetches only the pictures; anything else would be a mistake here.
        await context.route("**/*", (route) =>
          route.request().url().startsWith(SAMPLE_IMAGE_ORIGIN)
            ? route.fulfill({ contentType: "image/svg+xml", body: PICTURE })
            : route.abort(),
        );
        const page = await context.newPage();
        await page.setContent(message.html, { waitUntil: "load" });

        expect(await violations(page), `axe on ${name} at ${viewport.width}`).toEqual([]);
        // Strings, as the tests compile without the DOM's types.
        const overflow = (await page.evaluate(
          "document.documentElement.scrollWidth - window.innerWidth",
        )) as number;
        const brokenPictures = (await page.evaluate(
          "[...document.images].filter((image) => !image.complete || image.naturalWidth === 0).map((image) => image.src)",
        )) as string[];
        expect(overflow, `sideways scrolling on ${name}`).toBeLessThanOrEqual(0);
        expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
        expect(brokenPictures).toEqual([]);

        await page.screenshot({
          path: join(SCREENSHOTS, `mail-${name}-${viewport.width}.png`),
          fullPage: true,
        });
        if (docs && viewport === DESKTOP) {
          await page.screenshot({ path: join(DOCS_IMAGES, docs), fullPage: true });
        }
      } finally {
        await context.close();
      }
    },
  );
});
