import { describe, expect, it } from "vitest";
import { inviteMessage, signInMessage } from "./templates";

const link = "https://acme.example/sign-in?token=abc_DEF-123";

/** The words of the link (the button) to `href`, or undefined when there is none. */
function linkText(html: string, href: string): string | undefined {
  const escaped = href.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`<a href="${escaped}"[^>]*>([^<]*)</a>`).exec(html)?.[1]?.trim();
}

describe("the sign-in e-mail", () => {
  it("gives the link, the code, how long they last and what to do if it was not you (sv)", async () => {
    const message = await signInMessage({
      locale: "sv",
      orgName: "Acme",
      link,
      code: "042917",
      validMinutes: 15,
    });
    expect(message.subject).toBe("Logga in på Acme");
    expect(message.text).toContain(`${link}\n`);
    expect(message.text).toContain("Eller ange den här koden: 042917");
    expect(message.text).toContain("gäller i 15 minuter");
    expect(message.text).toContain("Om du inte har bett om att logga in");
    expect(message.html).toContain('<html lang="sv"');
    expect(linkText(message.html, link)).toBe("Logga in på Acme");
    expect(message.html).toContain("042917");
  });

  it("speaks English for an English organisation", async () => {
    const message = await signInMessage({
      locale: "en",
      orgName: "Acme",
      link,
      code: "000001",
      validMinutes: 15,
    });
    expect(message.subject).toBe("Sign in to Acme");
    expect(message.text).toContain("Or enter this code: 000001");
    expect(message.text).toContain("valid for 15 minutes");
    expect(message.text).toContain("If you did not ask to sign in, you can ignore this e-mail.");
    expect(message.html).toContain('<html lang="en"');
  });

  it("escapes the organisation's name and the link in HTML and keeps the subject on one line", async () => {
    const message = await signInMessage({
      locale: "en",
      orgName: `Evil <img src=x onerror="alert(1)">\r\nBcc: victim@example.org`,
      link: `https://acme.example/sign-in?token="><script>`,
      code: "123456",
      validMinutes: 15,
    });
    expect(message.html).not.toContain("<img");
    expect(message.html).not.toContain("<script>");
    expect(message.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(message.html).toContain(
      'href="https://acme.example/sign-in?token=&quot;&gt;&lt;script&gt;"',
    );
    expect(message.subject).not.toMatch(/[\r\n]/);
  });
});

describe("the invitation e-mail", () => {
  const expiresAt = new Date("2026-12-12T16:00:00.000Z");

  it("names the organisation, links to joining and says until when, in the organisation's time zone", async () => {
    const sv = await inviteMessage({
      locale: "sv",
      orgName: "Acme",
      link: "https://acme.example/join?invite=xyz",
      expiresAt,
      timeZone: "Europe/Stockholm",
    });
    expect(sv.subject).toBe("Du är inbjuden till Acme i Sprida");
    expect(sv.text).toContain("https://acme.example/join?invite=xyz");
    expect(sv.text).toMatch(/Inbjudan gäller till 12 december 2026 kl\. 17:00 CET\./);
    expect(sv.html).toContain('<html lang="sv"');
    expect(linkText(sv.html, "https://acme.example/join?invite=xyz")).toBe("Gå med i Acme");

    const en = await inviteMessage({
      locale: "en",
      orgName: "Acme",
      link: "https://acme.example/join",
      expiresAt,
    });
    expect(en.subject).toBe("You are invited to Acme on Sprida");
    expect(en.text).toMatch(/valid until December 12, 2026 at 4:00\sPM UTC\./);
  });

  it("escapes the organisation's name in HTML", async () => {
    const message = await inviteMessage({
      locale: "en",
      orgName: "A&B <Co>",
      link: "https://a.example/j",
      expiresAt,
    });
    expect(message.html).toContain("Join A&amp;B &lt;Co&gt;");
    expect(message.html).not.toContain("<Co>");
    expect(message.text).toContain("join A&B <Co> on Sprida");
  });
});
