import { provideTestRuntime } from "@sprida/testing/runtime";
import { activeMember, newEmail, newOrganisation } from "@sprida/testing/test-members";
import { beforeAll, describe, expect, it } from "vitest";
import { Audit } from "../audit";
import { Content } from ".";
import { article } from "./test-support";

describe("bad content input is refused and nothing is written", () => {
  beforeAll(() => provideTestRuntime());

  async function library() {
    const org = await newOrganisation();
    const admin = await activeMember(org, newEmail(), "admin");
    const member = await activeMember(org, newEmail(), "member");
    const auditBefore = (await Audit.list(org.orgId)).entries.length;
    return { org, admin, member, auditBefore };
  }

  const badInputs: [string, Record<string, unknown>][] = [
    ["a javascript: URL", { url: "javascript:alert(1)" }],
    ["a data: URL", { url: "data:text/html,<script>alert(1)</script>" }],
    ["an ftp: URL", { url: "ftp://files.example/a.pdf" }],
    ["a URL with credentials", { url: "https://user:pw@acme.example/" }],
    ["a relative URL", { url: "/blog/post" }],
    ["a javascript: image", { imageUrl: "javascript:alert(1)" }],
    ["an empty title", { title: "   " }],
    ["an oversized title", { title: "t".repeat(301) }],
    ["a title with a right-to-left override", { title: "Invoice \u202Efdp.exe" }],
    ["a title with a bidirectional isolate", { title: "Offer \u2066today" }],
    ["a title with NUL", { title: "Launch\u0000day" }],
    ["a title of only a zero-width space", { title: "\u200B" }],
    ["a title of combining marks alone", { title: "\u0301\u0308" }],
    ["a title with U+FFFD from a decoding loss", { title: "Launch \uFFFD day" }],
    ["a summary with a control character", { summary: "Line one\u001Bline two" }],
    ["a summary with a right-to-left override", { summary: "Read \u202Ethis" }],
    ["an oversized summary", { summary: "s".repeat(1001) }],
    ["eleven topics", { topics: Array.from({ length: 11 }, (_, i) => `topic-${i}`) }],
    ["an unknown language", { language: "de" }],
    ["an unknown field", { status: "published" }],
    ["an unknown field", { orgId: "someone-else" }],
    [
      "expiry before publish",
      { publishAt: "2030-01-02T00:00:00Z", expiresAt: "2030-01-01T00:00:00Z" },
    ],
    [
      "an oversized suggested text",
      { suggestedTexts: [{ channel: "x", language: "en", text: "x".repeat(3001) }] },
    ],
    [
      "a suggested text of only invisible characters",
      { suggestedTexts: [{ channel: "any", language: "en", text: "\u200B\n\u200D" }] },
    ],
    [
      "a suggested text with a right-to-left override",
      { suggestedTexts: [{ channel: "any", language: "en", text: "Hi \u202Eereh kcilc" }] },
    ],
    [
      "a suggested text for an unknown channel",
      { suggestedTexts: [{ channel: "myspace", language: "en", text: "Hi" }] },
    ],
    [
      "31 suggested texts",
      {
        suggestedTexts: Array.from({ length: 31 }, () => ({
          channel: "any",
          language: "en",
          text: "Hi",
        })),
      },
    ],
  ];

  it.each(badInputs)("create refuses %s", async (_label, overrides) => {
    const { org, admin, auditBefore } = await library();
    await expect(Content.create(admin, article(overrides) as never)).rejects.toMatchObject({
      kind: "invalid",
    });
    expect((await Content.list(org.orgId)).items).toEqual([]);
    expect((await Audit.list(org.orgId)).entries).toHaveLength(auditBefore);
  });

  it("update refuses the same, and unknown fields, leaving the item as it was", async () => {
    const { org, admin } = await library();
    const item = await Content.create(admin, article());
    for (const patch of [
      { url: "javascript:alert(1)" },
      { url: "data:text/plain,hi" },
      { summary: "s".repeat(1001) },
      { status: "published" },
      { createdBy: "someone" },
      { expiresAt: "2000-01-01T00:00:00Z", publishAt: "2001-01-01T00:00:00Z" },
    ]) {
      await expect(Content.update(admin, item.contentId, patch as never)).rejects.toMatchObject({
        kind: "invalid",
      });
    }
    // Expiry against the stored publish time, too.
    const scheduled = await Content.create(admin, article({ publishAt: "2030-01-02T00:00:00Z" }));
    await expect(
      Content.update(admin, scheduled.contentId, { expiresAt: "2030-01-01T00:00:00Z" }),
    ).rejects.toMatchObject({ kind: "invalid" });
    expect(await Content.get(org.orgId, item.contentId)).toEqual(item);
  });

  it("suggest refuses bad URLs and unknown fields", async () => {
    const { org, member } = await library();
    for (const input of [
      { url: "javascript:alert(1)" },
      { url: "data:text/html,x" },
      { url: "ftp://x.example/" },
      { url: "https://ok.example/", status: "published" },
      { url: "https://ok.example/", title: "t".repeat(301) },
    ]) {
      await expect(Content.suggest(member, input as never)).rejects.toMatchObject({
        kind: "invalid",
      });
    }
    expect((await Content.list(org.orgId)).items).toEqual([]);
  });
});
