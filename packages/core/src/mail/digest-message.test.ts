import { digestSample } from "@sprida/testing/mail-samples";
import { describe, expect, it } from "vitest";
import { digestMessage } from "./digest-message";

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

describe("the digest e-mail", () => {
  it("greets the member by name and says what is new, in Swedish and in English", async () => {
    const sv = await digestMessage(digestSample("sv"));
    expect(sv.subject).toBe("Nytt att dela från Demo AB");
    expect(sv.html).toContain('<html lang="sv"');
    expect(headings(sv.html, 1)).toEqual(["Nytt att dela från Demo AB"]);
    expect(sv.html).toContain("Hej Amira Hassan!");
    expect(spaced(sv.html)).toContain("Det här är nytt 23–29 nov. 2026, och utvalt just nu.");
    // The preheader counts the items and names the first.
    expect(sv.html).toContain("3 nya inlägg att dela: Vi lanserar Demo Planner 3.0");

    const en = await digestMessage(digestSample("en", { displayName: undefined }));
    expect(en.subject).toBe("New to share from Demo AB");
    expect(en.html).toContain('<html lang="en"');
    expect(en.text).toMatch(/^New to share from Demo AB\n\nHi,\n/);
    expect(spaced(en.text)).toContain("Here is what is new 23 – 29 Nov 2026, and featured now.");
  });

  it("puts featured items first and marks them, each with its picture and a share button", async () => {
    const content = digestSample("en");
    const message = await digestMessage(content);
    expect(headings(message.html, 2).slice(0, 3)).toEqual([
      "Introducing Demo Planner 3.0",
      "We are hiring five developers in Gothenburg",
      "How we halved the energy use of our offices",
    ]);
    expect(message.html.match(/>Featured</g)).toHaveLength(1);
    expect(message.text).toContain("Introducing Demo Planner 3.0 (Featured)");
    expect(message.html).toMatch(
      /<img alt="Introducing Demo Planner 3\.0" src="https:\/\/images\.demo\.sprida\.example\/planner\.png"[^>]*width:100%/,
    );
    // The item without a picture gets none.
    expect(message.html.match(/<img /g)).toHaveLength(2);
    for (const item of content.items) {
      expect(linkText(message.html, item.share)).toBe("Share");
    }
  });

  it("escapes hostile titles, summaries and names", async () => {
    const hostile = "<script>alert(1)</script>";
    const message = await digestMessage(
      digestSample("en", {
        orgName: `Evil ${hostile}`,
        displayName: `Mallory ${hostile}`,
        items: [
          {
            title: `"><img src=x onerror=alert(1)>`,
            summary: hostile,
            imageUrl: "https://images.example/a.png",
            featured: true,
            share: "https://demo.example/?share=1",
          },
        ],
      }),
    );
    expect(message.html).not.toContain("<script>");
    expect(message.html).not.toContain("<img src=x");
    expect(message.html).toContain('alt="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(message.html).toContain("Mallory &lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("shows the member's week with their rank only when they have one", async () => {
    const message = await digestMessage(digestSample("sv"));
    expect(headings(message.html, 2)).toContain("Din vecka");
    const text = spaced(message.text);
    expect(text).toContain("Poäng: 140");
    expect(text).toContain("Din placering: 3");
    expect(text).toContain("Unika klick av människor: 58");
    expect(text).toContain("Bekräftade delningar: 9");
    expect(text).toContain("Nya märken: 2 – Första delningen och Tio klick");

    const unnamed = await digestMessage(
      digestSample("en", {
        impact: { points: 0, uniqueClicks: 0, confirmedShares: 0, badges: [] },
      }),
    );
    expect(unnamed.text).not.toContain("Your rank");
    expect(unnamed.text).toContain("Badges earned: 0\n");
  });

  it("says 'your weeks' for a digest of more than one week", async () => {
    const message = await digestMessage(
      digestSample("sv", { from: "2026-11-16", to: "2026-11-29" }),
    );
    expect(headings(message.html, 2)).toContain("Dina veckor");
    expect(spaced(message.text)).toContain("16–29 nov. 2026");
  });

  it("leaves out the member's figures when they chose content only", async () => {
    const message = await digestMessage(digestSample("en", { impact: undefined }));
    expect(headings(message.html, 2)).not.toContain("Your week");
    expect(message.text).not.toContain("Points");
  });

  it("ends with why it came and how to stop it, and the text has every link on its own line", async () => {
    const content = digestSample("en");
    const message = await digestMessage(content);
    expect(linkText(message.html, content.links.unsubscribe)).toBe("Unsubscribe from the digest");
    expect(linkText(message.html, content.links.preferences)).toBe("Change your e-mail choices");
    expect(linkText(message.html, content.hub)).toBe("See everything to share in the hub");
    const lines = message.text.split("\n");
    for (const link of [
      ...content.items.map((item) => item.share),
      content.hub,
      content.links.unsubscribe,
      content.links.preferences,
    ]) {
      expect(lines).toContain(link);
    }
  });
});
