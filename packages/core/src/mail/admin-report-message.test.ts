import { adminReportSample } from "@sprida/testing/mail-samples";
import { describe, expect, it } from "vitest";
import { adminReportMessage } from "./admin-report-message";
import type { WeeklyFigure } from "./weekly.schema";

/** Intl puts no-break, thin and narrow spaces in numbers and ranges; a reader sees spaces. */
const spaced = (value: string) => value.replace(/[^\S\n]/g, " ");

/** The words of the link to `href` in an e-mail's HTML, or undefined when there is none. */
function linkText(page: string, href: string): string | undefined {
  const escaped = href.replace(/&/g, "&amp;").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`<a href="${escaped}"[^>]*>([^<]*)</a>`).exec(page)?.[1]?.trim();
}

/** The texts of an e-mail's headings of one level, in order. */
const headings = (page: string, level: 1 | 2) =>
  [...page.matchAll(new RegExp(`<h${level}[^>]*>([^<]*)</h${level}>`, "g"))].map((m) => m[1]);

const figure = (
  metric: WeeklyFigure["metric"],
  value: number | null,
  previous: number | null,
  provisional = false,
): WeeklyFigure => ({ metric, value, previous, provisional });

describe("the admin report e-mail", () => {
  it("names the organisation and the week, in Swedish and in English", async () => {
    const sv = await adminReportMessage(adminReportSample("sv"));
    expect(sv.subject).toBe("Sprida: Demo AB, vecka 48");
    expect(sv.html).toContain('<html lang="sv"');
    expect(headings(sv.html, 1)).toEqual(["Demo AB: vecka 48"]);
    expect(spaced(sv.html)).toContain("23–29 nov. 2026");
    expect(linkText(sv.html, "https://demo.sprida.example/admin")).toBe("Öppna översikten");

    const en = await adminReportMessage(adminReportSample("en"));
    expect(en.subject).toBe("Sprida: Demo AB, week 48");
    expect(en.html).toContain('<html lang="en"');
    expect(headings(en.html, 1)).toEqual(["Demo AB: week 48"]);
    expect(spaced(en.html)).toContain("23 – 29 Nov 2026");
    expect(linkText(en.html, "https://demo.sprida.example/admin")).toBe("Open the dashboard");
  });

  it("escapes a hostile organisation name and row labels, and keeps the subject on one line", async () => {
    const message = await adminReportMessage(
      adminReportSample("en", {
        orgName: "Evil <script>alert(1)</script>\r\nBcc: victim@example.org",
        topContent: [
          { label: '<img src=x onerror="alert(1)">', uniqueClicks: 3, confirmedShares: 1 },
        ],
      }),
    );
    expect(message.html).not.toContain("<script>");
    expect(message.html).not.toContain("<img src=x");
    expect(message.html).toContain("Evil &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(message.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(message.subject).not.toMatch(/[\r\n]/);
  });

  it("shows each figure in its own kind, a missing one as a dash, and the change in words", async () => {
    const message = await adminReportMessage(
      adminReportSample("en", {
        figures: [
          figure("confirmedShares", 64, 57),
          figure("participation", 0.38, 0.4),
          figure("humanClicks", 412, 0),
          figure("uniqueClicks", 304, 304),
          figure("potentialReach", 48_350, null),
          figure("emv", 1_824_000, 1_512_500),
          figure("valueRatio", 3.2, 2.7),
          figure("cashRoi", null, 0.5),
        ],
      }),
    );
    const text = spaced(message.text);
    expect(text).toContain("Confirmed shares: 64. ▲ 12.3% from last week.");
    // A rate moves in percentage points: 40 % to 38 % is 2 points down.
    expect(text).toContain("Participation: 38%. ▼ 2.0 percentage points from last week.");
    expect(text).toContain("Human clicks: 412. New this week.");
    expect(text).toContain("Unique human clicks: 304. Same as last week.");
    expect(text).toContain("Potential reach: 48,350. New this week.");
    expect(text).toContain("Earned media value: SEK 18,240. ▲ 20.6% from last week.");
    expect(text).toContain("Value ratio: 3.2×. ▲ 18.5% from last week.");
    expect(text).toContain("Cash ROI: —. Nothing to compare with.");
    const html = spaced(message.html);
    for (const shown of ["SEK 18,240", "3.2×", "▲ 12.3% from last week", "—"]) {
      expect(html).toContain(shown);
    }
  });

  it("marks provisional figures and explains the mark once", async () => {
    const message = await adminReportMessage(adminReportSample("sv"));
    // Three provisional figures in the sample (EMV, value ratio, cash ROI).
    expect(message.html.match(/>preliminär</g)).toHaveLength(3);
    expect(message.html.match(/Preliminär: siffran kan fortfarande ändras/g)).toHaveLength(1);

    const settled = await adminReportMessage(
      adminReportSample("sv", { figures: [figure("confirmedShares", 64, 57)] }),
    );
    expect(settled.html).not.toContain("preliminär");
    expect(settled.text).not.toContain("Preliminär");
  });

  it("draws the daily clicks as bars of proportional height, each with its number as text", async () => {
    const message = await adminReportMessage(adminReportSample("en"));
    // The busiest day (Tuesday, 87) is the full 96 pixels; Monday's 42 is 42/87 of it.
    expect(message.html).toContain('height="96"');
    expect(message.html).toContain(`height="${Math.round((42 / 87) * 96)}"`);
    expect(message.html).not.toContain("<img");
    for (const [day, clicks] of [
      ["Mon", 42],
      ["Tue", 87],
      ["Sun", 9],
    ] as const) {
      expect(message.html).toMatch(new RegExp(`>${clicks}</div>`));
      expect(message.html).toContain(`>${day}</div>`);
      expect(message.text).toContain(`${day} `);
    }
    expect(message.text).toContain("Tue 24 Nov: 87");
  });

  it("lists the top content, channels with EMV, campaigns and named members as tables", async () => {
    const message = await adminReportMessage(adminReportSample("en"));
    const sections = ["Top content", "Channels", "Campaigns", "Top named members"];
    expect(headings(message.html, 2)).toEqual(["Unique human clicks per day", ...sections]);
    for (const heading of sections) expect(message.text).toContain(`\n${heading}\n`);
    expect(message.html).toMatch(/<th scope="col"[^>]*>Channel<\/th>/);
    expect(message.html).toMatch(/<th scope="col"[^>]*>EMV<\/th>/);
    expect(message.html.match(/<th scope="col"[^>]*>EMV<\/th>/g)).toHaveLength(1);
    expect(spaced(message.text)).toContain(
      "- LinkedIn: 211 unique clicks, 41 confirmed shares, EMV SEK 12,660",
    );
    expect(message.text).toContain("- Amira Hassan: 58 unique clicks, 9 confirmed shares");
  });

  it("leaves out an empty list, heading and all", async () => {
    const message = await adminReportMessage(
      adminReportSample("sv", { campaigns: [], topMembers: [], channels: [] }),
    );
    expect(headings(message.html, 2)).toEqual([
      "Unika klick av människor per dag",
      "Mest klickat innehåll",
    ]);
    for (const heading of ["Kampanjer", "Flest klick bland namngivna medlemmar", "Kanaler"]) {
      expect(message.text).not.toContain(heading);
    }
  });

  it("ends with why it came and how to stop it, and the text has every link on its own line", async () => {
    const content = adminReportSample("sv");
    const message = await adminReportMessage(content);
    expect(linkText(message.html, content.links.unsubscribe)).toBe(
      "Avsluta prenumerationen på veckorapporten",
    );
    expect(linkText(message.html, content.links.preferences)).toBe("Ändra dina val för e-post");
    expect(message.html).toContain("eftersom du är administratör för Demo AB");
    const lines = message.text.split("\n");
    for (const link of [content.dashboard, content.links.unsubscribe, content.links.preferences]) {
      expect(lines).toContain(link);
    }
  });
});
