import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

/** Debian's Chromium (`.ci/run` installs it); playwright-core 1.64 drives its release, 156. */
export const CHROMIUM = process.env.SPRIDA_CHROMIUM ?? "/usr/bin/chromium";

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;
export type Viewport = typeof PHONE | typeof DESKTOP;

/** How long one browser action or wait may take before the step fails (generous: CI is slow). */
export const ACTION_LIMIT_MS = 30_000;

export const READER_USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

export interface TestBrowser {
  browser: Browser;
  /** A fresh context (its own cookies and storage), as another person's browser would be. */
  context(options?: {
    viewport?: Viewport;
    userAgent?: string;
    locale?: string;
  }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * Headless Chromium with flags as checked on these machines (recipes); Playwright gives it a
 * fresh profile of its own.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium (or set SPRIDA_CHROMIUM)`,
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    async context({ viewport = PHONE, userAgent, locale = "sv-SE" } = {}) {
      const context = await browser.newContext({
        viewport,
        locale,
        ...(userAgent && { userAgent }),
        serviceWorkers: "block",
      });
      // Playwright waits forever by default: a step that cannot happen fails instead.
      context.setDefaultTimeout(ACTION_LIMIT_MS);
      return context;
    },
    close: () => browser.close(),
  };
}

/** Collects what a page reports as broken: uncaught errors and the app's console errors. */
export function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    // A refused request logs "Failed to load resource" too; the tests check answers themselves.
    const text = message.text();
    if (message.type() === "error" && !text.startsWith("Failed to load resource")) {
      errors.push(`console: ${text}`);
    }
  });
  return errors;
}
