import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import { startTestInbox } from "@sprida/testing/test-inbox";
import { describe, expect, it } from "vitest";
import { printSentMail } from "./print-sent-mail";

describe("printing sent mail locally", () => {
  it("announces the recipient, subject and every link of a sent e-mail", async () => {
    const inbox = await startTestInbox();
    try {
      const lines: string[] = [];
      const client = printSentMail(inbox.client, (line) => lines.push(line));
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: "sprida@example.test",
          Destination: { ToAddresses: ["agnes@example.test"] },
          Content: {
            Simple: {
              Subject: { Data: "Sign in" },
              Body: {
                Text: { Data: "Open http://localhost:4000/sign-in?token=abc or use code 123456." },
              },
            },
          },
        }),
      );
      expect(lines).toEqual([
        "✉  agnes@example.test: Sign in",
        "   http://localhost:4000/sign-in?token=abc",
      ]);
    } finally {
      await inbox.stop();
    }
  });
});
