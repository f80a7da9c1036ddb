import { randomUUID } from "node:crypto";
import { MessageRejected, type SESv2Client } from "@aws-sdk/client-sesv2";
import { Auth } from "@sprida/core/auth";
import { Log } from "@sprida/core/log";
import { createApp } from "@sprida/functions/http";
import { createRedirectApp } from "@sprida/functions/http/redirect";
import type { Context } from "aws-lambda";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { handler as ingest } from "../../packages/functions/src/events/ingest";
import { TEST_ORIGIN, TestClient } from "../helpers/http";
import { joinAs } from "../helpers/http-flows";
import { seedOrganisation } from "../helpers/identity";
import { provideTestRuntime } from "../helpers/runtime";
import { redirectSetting, UA, UnreliablePublisher } from "./redirect/redirect-setting";

/**
 * Issue 10: no log line carries an e-mail or IP address, and every line of a request or an
 * event carries its correlation id. Real flows run in this process while everything written
 * to the console, stdout and stderr is captured.
 */

/** Mail that is sent (kept here, for the codes), or refused by SES naming the recipient. */
class Mailer {
  readonly sent: { to: string; text: string }[] = [];
  refuse = false;

  readonly client = {
    send: async (command: {
      input: {
        Destination?: { ToAddresses?: string[] };
        Content?: { Simple?: { Body?: { Text?: { Data?: string } } } };
      };
    }) => {
      const to = command.input.Destination?.ToAddresses?.[0] ?? "";
      if (this.refuse) {
        throw new MessageRejected({
          message: `Email address is not verified: ${to} (from 198.51.100.23, 2001:db8::23)`,
          $metadata: { httpStatusCode: 400 },
        });
      }
      this.sent.push({ to, text: command.input.Content?.Simple?.Body?.Text?.Data ?? "" });
      return { MessageId: randomUUID() };
    },
    destroy: () => undefined,
  } as unknown as SESv2Client;

  codeFor(email: string): string {
    const mail = this.sent.findLast((candidate) => candidate.to === email);
    const code = /:\s(\d{6})\s*$/m.exec(mail?.text ?? "")?.[1];
    expect(code, `a code mailed to ${email}`).toBeDefined();
    return code as string;
  }
}

/** Every line written while a test runs, however it was written. */
function captureOutput(): string[] {
  const lines: string[] = [];
  const keep = (...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  };
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation(keep);
  }
  const write = (chunk: unknown) => {
    lines.push(...String(chunk).split("\n").filter(Boolean));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(write as never);
  vi.spyOn(process.stderr, "write").mockImplementation(write as never);
  return lines;
}

const ADDRESSES = /\d{1,3}(\.\d{1,3}){3}|2001:db8|@[a-z0-9-]+\.example/i;

/** Asserts that no line names a person's or a client's address. */
function expectNoAddresses(lines: string[], ...specific: string[]) {
  for (const line of lines) {
    expect(line).not.toMatch(ADDRESSES);
    for (const value of specific) expect(line).not.toContain(value);
  }
}

const parsed = (lines: string[]) =>
  lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe("log lines", () => {
  const mailer = new Mailer();
  const publisher = new UnreliablePublisher();

  beforeAll(() => {
    provideTestRuntime({ mail: mailer.client, publisher });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    mailer.refuse = false;
    publisher.mode = "ok";
  });

  it("of a sign-in request the mail service refuses carry the request's correlation id and neither the e-mail nor an IP address", async () => {
    // Prepare
    const org = await seedOrganisation("Logs");
    const app = createApp({ clientAddress: () => "203.0.113.41" });
    mailer.refuse = true;
    const lines = captureOutput();

    // Act
    const answer = await new TestClient(app).post("/api/auth/sign-in/request", {
      json: { email: org.member.email },
    });

    // Assess
    expect(answer.status).toBe(500);
    const correlationId = answer.headers.get("x-correlation-id");
    expect(lines.length).toBeGreaterThan(0);
    for (const line of parsed(lines)) {
      expect(line).toMatchObject({ correlationId, service: "sprida" });
    }
    expect(parsed(lines)).toContainEqual(
      expect.objectContaining({
        level: "ERROR",
        message: "request failed",
        error: expect.objectContaining({
          message: "Email address is not verified: [email] (from [address], [address])",
        }),
      }),
    );
    expectNoAddresses(lines, org.member.email, "203.0.113.41", "198.51.100.23");
  });

  it("of wrong sign-in codes that spend an organisation's budget name the organisation, never the people or the clients", async () => {
    // Prepare: 13 members with a sign-in e-mail each, and three clients guessing codes.
    const org = await seedOrganisation("Guessed");
    const people = await Promise.all(
      Array.from({ length: 13 }, (_, i) =>
        joinAs(org.orgId, `guessed-${i}-${randomUUID()}@logs.example`),
      ),
    );
    const requester = new TestClient(createApp({ clientAddress: () => "192.0.2.10" }));
    const asked = await Promise.all(
      people.map((person) =>
        requester.post("/api/auth/sign-in/request", { json: { email: person.email } }),
      ),
    );
    expect(asked.map((answer) => answer.status)).toEqual(people.map(() => 202));
    const guessers = ["198.51.100.1", "198.51.100.2", "2001:db8:77::5"].map(
      (address) => new TestClient(createApp({ clientAddress: () => address })),
    );
    const lines = captureOutput();

    // Act: 4 wrong codes for each person (the token dies at 5), 52 in all: over the budget of 50.
    const answers = [];
    for (let round = 0; round < 4; round++) {
      answers.push(
        ...(await Promise.all(
          people.map((person, i) => {
            const right = mailer.codeFor(person.email);
            const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
            const guesser = guessers[(round + i) % guessers.length] as TestClient;
            return guesser.post("/api/auth/sign-in/code", {
              json: { email: person.email, code: wrong },
            });
          }),
        )),
      );
    }
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 401));

    // Assess
    const spent = parsed(lines).filter((line) => line.message === Auth.FAILURE_BUDGET_EXHAUSTED);
    expect(spent).toEqual([
      expect.objectContaining({ level: "WARN", scope: "organisation", orgId: org.orgId }),
    ]);
    const correlationIds = answers.map((answer) => answer.headers.get("x-correlation-id"));
    expect(correlationIds).toContain(spent[0]?.correlationId);
    expectNoAddresses(lines, ...people.map((person) => person.email));
  }, 60_000);

  it("of a click from a visitor's address while the bus is down carry the click's correlation id and no address", async () => {
    // Prepare
    const setting = await redirectSetting("198.51.100.10");
    publisher.mode = "fail";
    const app = createRedirectApp({ clientAddress: () => "203.0.113.77" });
    const lines = captureOutput();

    // Act
    const response = await app.request(`${TEST_ORIGIN}/r/${setting.ownLink.code}`, {
      headers: { "user-agent": UA.desktop, "x-forwarded-for": "203.0.113.78" },
    });

    // Assess
    expect(response.status).toBe(302);
    const correlationId = response.headers.get("x-correlation-id");
    expect(correlationId).toBeTruthy();
    expect(parsed(lines)).toContainEqual(
      expect.objectContaining({
        level: "WARN",
        message: "link.clicked kept in the outbox",
        correlationId,
      }),
    );
    for (const line of parsed(lines)) expect(line.correlationId).toBe(correlationId);
    expectNoAddresses(lines, "203.0.113.77", "203.0.113.78", setting.member.email);
  });

  it("of an event handler on Lambda (Powertools) carry the event's id, organisation and correlation id, and the invocation's request id", async () => {
    // Prepare
    const previous = Log.useBackend(Log.powertoolsBackend());
    const metadata = {
      eventId: randomUUID(),
      orgId: "org_logs",
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
    };
    const context = {
      awsRequestId: randomUUID(),
      functionName: "sprida-test-Ingest",
      functionVersion: "$LATEST",
      invokedFunctionArn: "arn:aws:lambda:eu-north-1:123456789012:function:sprida-test-Ingest",
      memoryLimitInMB: "512",
    } as unknown as Context;
    const event = {
      version: "0",
      id: metadata.eventId,
      "detail-type": "visitor 198.51.100.9 wrote to eva.lund@kund.example",
      source: "sprida",
      account: "000000000000",
      time: metadata.occurredAt,
      region: "eu-north-1",
      resources: [],
      detail: { properties: {}, metadata },
    };
    const lines = captureOutput();

    // Act
    const failed = await (ingest as (event: unknown, context: Context) => Promise<void>)(
      event,
      context,
    ).then(
      () => false,
      () => true,
    );
    Log.useBackend(previous);

    // Assess
    expect(failed).toBe(true);
    expect(parsed(lines)).toEqual([
      expect.objectContaining({
        level: "ERROR",
        message: "invocation failed",
        eventId: metadata.eventId,
        orgId: metadata.orgId,
        correlationId: metadata.correlationId,
        function_request_id: context.awsRequestId,
      }),
    ]);
    expectNoAddresses(lines, "eva.lund", "198.51.100.9");
  });
});
