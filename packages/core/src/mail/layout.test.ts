import { describe, expect, it } from "vitest";
import { html } from "./escape-html";
import { figureGrid, footerText, mailFormat, renderMail } from "./layout";

const body = html`<mj-section><mj-column><mj-text><h1>Hej</h1></mj-text></mj-column></mj-section>`;
const footer = {
  reason: "Du får det här för att du är med.",
  preferences: "https://demo.example/me",
  unsubscribe: { href: "https://demo.example/unsubscribe?token=a.b.c", text: "Avsluta" },
};

/** Intl puts no-break and narrow spaces in numbers; a reader sees spaces. */
const spaced = (value: string) => value.replace(/\s/g, " ");

describe("the e-mail layout", () => {
  it("declares the language, the title, the preheader and both colour schemes", async () => {
    const { html: page } = await renderMail({
      locale: "sv",
      title: "Veckorapport",
      preheader: "64 delningar",
      body,
    });
    expect(page).toMatch(/^<!doctype html>\s*<html lang="sv"/);
    expect(page).toContain("<title>Veckorapport</title>");
    expect(page).toContain("64 delningar");
    expect(page).toContain('<meta name="color-scheme" content="light dark">');
    expect(page).toContain('<meta name="supported-color-schemes" content="light dark">');
    // The system font stack only: no web font is fetched.
    expect(page).not.toContain("fonts.googleapis.com");
  });

  it("escapes a hostile title and preheader", async () => {
    const { html: page } = await renderMail({
      locale: "en",
      title: "Evil <script>alert(1)</script>",
      preheader: '"><img src=x onerror=alert(1)>',
      body,
    });
    expect(page).not.toContain("<script>");
    expect(page).not.toContain("<img src=x");
    expect(page).toContain("<title>Evil &lt;script&gt;alert(1)&lt;/script&gt;</title>");
  });

  it("ends with why the e-mail came and the links to change it, when given", async () => {
    const { html: withFooter } = await renderMail({
      locale: "sv",
      title: "t",
      preheader: "p",
      body,
      footer,
    });
    expect(withFooter).toContain(footer.reason);
    expect(withFooter).toMatch(
      /<a href="https:\/\/demo\.example\/me"[^>]*>Ändra dina val för e-post<\/a>/,
    );
    expect(withFooter).toMatch(
      /<a href="https:\/\/demo\.example\/unsubscribe\?token=a\.b\.c"[^>]*>Avsluta<\/a>/,
    );

    const { html: without } = await renderMail({ locale: "sv", title: "t", preheader: "p", body });
    expect(without).not.toContain("Ändra dina val för e-post");
  });

  it("gives the footer as text with each URL on a line of its own", () => {
    const lines = footerText("en", footer);
    expect(lines).toContain(footer.reason);
    expect(lines).toContain("Change your e-mail choices:");
    expect(lines).toContain(footer.preferences);
    expect(lines).toContain(footer.unsubscribe.href);
  });

  it("refuses invalid MJML instead of sending a broken e-mail", async () => {
    await expect(
      renderMail({
        locale: "en",
        title: "t",
        preheader: "p",
        body: html`<mj-text>a text outside any column</mj-text>`,
      }),
    ).rejects.toThrow();
  });
});

describe("figures as tiles", () => {
  it("puts two to a row, and lets a last one alone take the whole row", () => {
    const grid = figureGrid([
      { label: "A", value: "1" },
      { label: "B", value: "2" },
      { label: "C <b>", value: "3", mark: "provisional", lines: ["▲ 5% from last week"] },
    ]).value;
    expect(grid.match(/<tr>/g)).toHaveLength(2);
    expect(grid.match(/colspan="1"/g)).toHaveLength(2);
    expect(grid.match(/colspan="2"/g)).toHaveLength(1);
    expect(grid).toContain("C &lt;b&gt;");
    expect(grid).toContain("provisional");
    expect(grid).toContain("▲ 5% from last week");
  });
});

describe("figures in the recipient's language", () => {
  it("shows a missing figure as a dash", () => {
    const format = mailFormat("en");
    expect(format.number(null)).toBe("—");
    expect(format.percent(null)).toBe("—");
    expect(format.ratio(null)).toBe("—");
    expect(format.money("SEK")(null)).toBe("—");
  });

  it("formats numbers, money in minor units, percentages and ratios", () => {
    const sv = mailFormat("sv");
    const en = mailFormat("en");
    expect(spaced(sv.number(48_350))).toBe("48 350");
    expect(en.number(48_350)).toBe("48,350");
    expect(spaced(sv.money("SEK")(1_824_050))).toBe("18 241 kr");
    expect(en.money("EUR")(1_824_000)).toBe("€18,240");
    expect(spaced(sv.percent(0.38))).toBe("38 %");
    expect(en.percent(0.385)).toBe("38.5%");
    expect(sv.ratio(3.2)).toBe("3,2×");
    expect(en.ratio(3.24)).toBe("3.2×");
  });

  it("writes a week as one range of days", () => {
    expect(spaced(mailFormat("en").dayRange("2026-11-30", "2026-12-06"))).toBe(
      "30 Nov – 6 Dec 2026",
    );
    expect(spaced(mailFormat("sv").dayRange("2026-11-30", "2026-12-06"))).toBe(
      "30 nov.–6 dec. 2026",
    );
    expect(mailFormat("sv").weekday("2026-11-30")).toBe("mån");
  });
});
