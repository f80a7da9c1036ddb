import { randomUUID } from "node:crypto";
import { provideTestRuntime } from "@sprida/testing/runtime";
import { startTestInbox, type TestInbox } from "@sprida/testing/test-inbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send } from "./send";

describe("sending mail through SES v2", () => {
  let inbox: TestInbox;
  beforeAll(async () => {
    inbox = await startTestInbox();
    provideTestRuntime({ mail: inbox.client, mailFrom: "sprida@acme.example" });
  });
  afterAll(() => inbox.stop());

  it("sends text and HTML, UTF-8, from the configured sender to the one recipient", async () => {
    const to = `Person-${randomUUID()}@Example.org`;
    await send({ to, subject: "Hej Åsa – välkommen", text: "Text ✓", html: "<p>HTML ✓</p>" });
    const [mail, ...more] = await inbox.mailTo(to.toLowerCase());
    expect(more).toHaveLength(0);
    expect(mail).toMatchObject({
      from: "sprida@acme.example",
      subject: "Hej Åsa – välkommen",
      body: { text: "Text ✓", html: "<p>HTML ✓</p>" },
    });
  });

  it("refuses a subject with a line break and a malformed address, sending nothing", async () => {
    const to = `person-${randomUUID()}@example.org`;
    await expect(send({ to, subject: "a\r\nBcc: x@y.z", text: "t", html: "h" })).rejects.toThrow(
      /one line/,
    );
    await expect(
      send({ to: "not an address", subject: "s", text: "t", html: "h" }),
    ).rejects.toThrow();
    expect(await inbox.mailTo(to)).toHaveLength(0);
  });
});
