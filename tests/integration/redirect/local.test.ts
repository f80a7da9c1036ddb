import { Content } from "@sprida/core/content";
import { Share } from "@sprida/core/share";
import type { LocalSystem } from "@sprida/local/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeededMember, seedOrganisation } from "../../helpers/identity";
import { startTestSystem } from "../../helpers/local-system";

/** `npm start` serves `/r/*` on the same port as the API. */
describe("the redirect in the local system", () => {
  let system: LocalSystem;
  let base: string;

  beforeAll(async () => {
    ({ system, base } = await startTestSystem());
  });
  afterAll(() => system?.stop());

  const ref = (orgId: string, member: SeededMember) => ({
    orgId,
    memberId: member.memberId,
    personId: member.personId,
    role: member.role,
    status: "active" as const,
  });

  it("answers /r/{code} with a 302 to the destination, and an unknown code with the 404 page", async () => {
    const org = await seedOrganisation("Local");
    const draft = await Content.create(ref(org.orgId, org.owner), {
      title: "Local news",
      summary: "From the local system",
      url: "https://elsewhere.example/local",
      language: "en",
      topics: ["news"],
    });
    const item = await Content.publish(ref(org.orgId, org.owner), draft.contentId);
    const { link } = await Share.linkFor(ref(org.orgId, org.member), {
      contentId: item.contentId,
      channel: "x",
    });

    const followed = await fetch(`${base}/r/${link.code}`, { redirect: "manual" });
    expect(followed.status).toBe(302);
    expect(followed.headers.get("location")).toBe("https://elsewhere.example/local");
    expect(followed.headers.get("cache-control")).toBe("private, no-store");

    const unknown = await fetch(`${base}/r/Zz9Zz9Zz9Z`, { redirect: "manual" });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("This link does not exist");
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });

  it("sends the app's own security headers over the local server, with no CloudFront in front", async () => {
    const answers = {
      signInPage: await fetch(`${base}/sign-in`),
      notFoundPage: await fetch(`${base}/r/Zz9Zz9Zz9Z`, { redirect: "manual" }),
      api: await fetch(`${base}/api/me`),
      health: await fetch(`${base}/healthz`),
    };

    for (const [name, answer] of Object.entries(answers)) {
      expect(answer.headers.get("x-content-type-options"), name).toBe("nosniff");
      expect(answer.headers.get("x-frame-options"), name).toBe("DENY");
      expect(answer.headers.get("content-security-policy"), name).toMatch(
        /^default-src 'none';.*frame-ancestors 'none'; base-uri 'none'$/,
      );
    }
    expect(answers.signInPage.headers.get("content-security-policy")).toMatch(
      /style-src 'sha256-[A-Za-z0-9+/]+=*'; script-src 'self'; form-action 'self'/,
    );
    expect(answers.signInPage.headers.get("referrer-policy")).toBe("same-origin");
    expect(answers.notFoundPage.headers.get("referrer-policy")).toBe("no-referrer");
  });
});
