import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { provideTestRuntime } from "@sprida/testing/runtime";
import { activeMember, newEmail, newOrganisation } from "@sprida/testing/test-members";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Audit } from "../audit";
import { DomainError } from "../error";
import { startServer, type TestServer } from "../fetch/test-support";
import type { MembershipRef } from "../member";
import { testClock } from "../member/test-support";
import { Runtime } from "../runtime";
import { Webhook } from ".";

// Real time: DynamoDB Local expires items by their `expiresAt` against its own clock.
const clock = testClock(new Date().toISOString());

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local receiver: every request kept with its raw body; its answer per path. */
async function receiver() {
  const received: Received[] = [];
  let answer = (path: string, response: ServerResponse): void => {
    if (path === "/fail") response.writeHead(500).end("no");
    else if (path === "/moved") response.writeHead(302, { location: "/ok" }).end();
    else if (path !== "/hang") response.writeHead(204).end();
  };
  const server: TestServer = await startServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "/";
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString() });
      answer(path, response);
    });
  });
  return {
    server,
    received,
    url: (path: string) => `${server.origin}${path}`,
    answerWith(next: typeof answer) {
      answer = next;
    },
  };
}

let site: Awaited<ReturnType<typeof receiver>>;

beforeAll(async () => {
  provideTestRuntime({ now: clock.now });
  site = await receiver();
});
afterAll(() => site.server.close());
beforeEach(() => {
  Runtime.use().fetchAllowlist = [site.server.hostPort];
});

async function caught(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (error instanceof DomainError) return error;
  throw new Error(`expected a refusal, got ${String(error)}`);
}

async function setting() {
  const org = await newOrganisation();
  const admin = await activeMember(org, newEmail(), "admin");
  const member = await activeMember(org, newEmail());
  return { org, admin, member };
}

/** A link.clicked as the ledger keeps it, with everything a payload must leave out. */
function clicked(orgId: string, overrides: Record<string, unknown> = {}) {
  return {
    eventId: randomUUID(),
    orgId,
    name: "link.clicked",
    occurredAt: clock.now().toISOString(),
    properties: {
      linkCode: "Ab3dE6gH9k",
      memberId: "member-who-shared",
      contentId: "content-1",
      channel: "linkedin",
      class: "human",
      unique: true,
      day: "2026-06-10",
      visitor: "visitor-hash-0123456789",
      country: "SE",
      device: "mobile",
      referrerHost: "www.linkedin.com",
      context: { campaignId: "spring" },
      ...overrides,
    },
  };
}

function confirmed(orgId: string) {
  return {
    eventId: randomUUID(),
    orgId,
    name: "share.confirmed",
    occurredAt: clock.now().toISOString(),
    properties: {
      linkCode: "Ab3dE6gH9k",
      contentId: "content-1",
      channel: "x",
      memberId: "member-who-shared",
      via: "member",
    },
  };
}

const bodiesOf = (path: string) =>
  site.received.filter((request) => request.path === path).map((request) => request);

async function hook(admin: MembershipRef, path: string, events = ["link.clicked"]) {
  return Webhook.create(admin, {
    url: site.url(path),
    events: events as Webhook.WebhookEvent[],
  });
}

describe("registering webhooks", () => {
  it("shows the secret once, keeps it out of list and get, and audits every change", async () => {
    const { org, admin } = await setting();
    const created = await hook(admin, "/audit");
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(await Webhook.list(admin)).toEqual([
      expect.not.objectContaining({ secret: expect.anything() }),
    ]);
    expect(JSON.stringify(await Webhook.get(admin, created.webhookId))).not.toContain(
      created.secret,
    );

    const rotated = await Webhook.rotateSecret(admin, created.webhookId);
    expect(rotated.secret).not.toBe(created.secret);
    await Webhook.update(admin, created.webhookId, { enabled: false, description: "CRM" });
    await Webhook.remove(admin, created.webhookId);
    const { entries } = await Audit.list(org.orgId);
    expect(entries.map((entry) => entry.action).reverse()).toEqual(
      expect.arrayContaining([
        "webhook.created",
        "webhook.secret_rotated",
        "webhook.updated",
        "webhook.deleted",
      ]),
    );
    expect(JSON.stringify(entries)).not.toContain("whsec_");
    expect((await caught(Webhook.get(admin, created.webhookId))).kind).toBe("not_found");
  });

  it("refuses plain http outside the allowlist, private addresses, no events, members and a 21st", async () => {
    const { admin, member } = await setting();
    expect(
      (
        await caught(
          Webhook.create(admin, { url: "http://hooks.example.com/x", events: ["link.clicked"] }),
        )
      ).code,
    ).toBe("https_required");
    expect(
      (await caught(Webhook.create(admin, { url: "https://10.0.0.1/x", events: ["link.clicked"] })))
        .code,
    ).toBe("url_refused");
    expect(
      (
        await caught(
          Webhook.create(admin, { url: "https://169.254.169.254/", events: ["share.confirmed"] }),
        )
      ).code,
    ).toBe("url_refused");
    expect((await caught(Webhook.create(admin, { url: site.url("/x"), events: [] }))).kind).toBe(
      "invalid",
    );
    expect((await caught(hook(member, "/x"))).kind).toBe("forbidden");
    for (let i = 0; i < Webhook.MAX_WEBHOOKS_PER_ORG; i++) await hook(admin, `/many-${i}`);
    expect((await caught(hook(admin, "/one-too-many"))).code).toBe("too_many_webhooks");
  });

  it("keeps organisations apart", async () => {
    const ours = await setting();
    const theirs = await setting();
    const created = await hook(ours.admin, "/ours");
    expect((await caught(Webhook.get(theirs.admin, created.webhookId))).kind).toBe("not_found");
    expect((await caught(Webhook.rotateSecret(theirs.admin, created.webhookId))).kind).toBe(
      "not_found",
    );
    expect(await Webhook.list(theirs.admin)).toEqual([]);
  });
});

describe("delivering events", () => {
  it("signs with the webhook's own secret and sends only subscribed events of its own organisation, without visitor data", async () => {
    const { org, admin } = await setting();
    const other = await setting();
    const clicks = await hook(admin, "/clicks");
    const shares = await hook(admin, "/shares", ["share.confirmed"]);
    await hook(other.admin, "/other-org");

    const click = clicked(org.orgId);
    expect(await Webhook.deliverEvent(click)).toEqual({ webhooks: 1, sent: 1, duplicates: 0 });
    await Webhook.deliverEvent(confirmed(org.orgId));

    const [received] = bodiesOf("/clicks");
    expect(bodiesOf("/clicks")).toHaveLength(1);
    expect(bodiesOf("/shares")).toHaveLength(1);
    expect(bodiesOf("/other-org")).toHaveLength(0);
    if (!received) throw new Error("nothing received");
    const signature = String(received.headers["sprida-signature"]);
    const at = { now: clock.now() };
    expect(Webhook.verify(clicks.secret, received.body, signature, at)).toBe(true);
    expect(Webhook.verify(shares.secret, received.body, signature, at)).toBe(false);
    expect(Webhook.verify(clicks.secret, `${received.body} `, signature, at)).toBe(false);
    expect(received.headers).toMatchObject({
      "content-type": "application/json",
      "sprida-webhook-id": clicks.webhookId,
      "sprida-event": "link.clicked",
      "sprida-delivery-id": expect.any(String),
    });

    expect(JSON.parse(received.body)).toEqual({
      id: click.eventId,
      type: "link.clicked",
      occurredAt: click.occurredAt,
      organisationId: org.orgId,
      data: {
        linkCode: "Ab3dE6gH9k",
        contentId: "content-1",
        channel: "linkedin",
        campaignId: "spring",
        class: "human",
        unique: true,
        day: "2026-06-10",
      },
    });
    for (const request of [...bodiesOf("/clicks"), ...bodiesOf("/shares")]) {
      for (const secret of [
        "visitor-hash",
        "SE",
        "mobile",
        "linkedin.com",
        "member-who-shared",
        "memberId",
        "visitor",
        "country",
        "device",
        "referrer",
      ]) {
        expect(request.body).not.toContain(secret);
      }
    }
    expect(JSON.parse(bodiesOf("/shares")[0]?.body ?? "{}").data).toEqual({
      linkCode: "Ab3dE6gH9k",
      contentId: "content-1",
      channel: "x",
      via: "member",
    });
  });

  it("sends a replayed event once, and skips disabled webhooks", async () => {
    const { org, admin } = await setting();
    const created = await hook(admin, "/replay");
    const off = await hook(admin, "/disabled");
    await Webhook.update(admin, off.webhookId, { enabled: false });
    const click = clicked(org.orgId);
    await Webhook.deliverEvent(click);
    expect(await Webhook.deliverEvent(click)).toEqual({ webhooks: 1, sent: 0, duplicates: 1 });
    expect(bodiesOf("/replay")).toHaveLength(1);
    expect(bodiesOf("/disabled")).toHaveLength(0);
    const { deliveries } = await Webhook.deliveries(admin, created.webhookId);
    expect(deliveries).toMatchObject([
      {
        eventId: click.eventId,
        status: "delivered",
        attempts: [{ attempt: 1, outcome: "delivered", httpStatus: 204 }],
      },
    ]);
  });

  it("retries a failing endpoint on the backoff schedule, then gives up", async () => {
    const { org, admin } = await setting();
    const created = await hook(admin, "/fail");
    const click = clicked(org.orgId);
    await Webhook.deliverEvent(click);
    const waits: number[] = [];
    for (;;) {
      const [delivery] = (await Webhook.deliveries(admin, created.webhookId)).deliveries;
      if (delivery?.status !== "pending") break;
      const next = new Date(delivery.nextAttemptAt ?? "").getTime();
      waits.push(Math.round((next - clock.now().getTime()) / 60_000));
      // Nothing happens before the time comes.
      await Webhook.retryDue({ orgId: org.orgId, now: new Date(next - 1000) });
      expect(
        (await Webhook.deliveries(admin, created.webhookId)).deliveries[0]?.attempts,
      ).toHaveLength(waits.length);
      clock.set(new Date(next).toISOString());
      await Webhook.retryDue({ orgId: org.orgId, now: clock.now() });
    }
    expect(waits).toEqual([1, 5, 15, 60, 240, 720]);
    const [delivery] = (await Webhook.deliveries(admin, created.webhookId)).deliveries;
    expect(delivery).toMatchObject({ status: "failed", nextAttemptAt: undefined });
    expect(
      delivery?.attempts.map((attempt) => [attempt.attempt, attempt.httpStatus, attempt.error]),
    ).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => [n, 500, "The endpoint answered 500"]));
    expect(
      bodiesOf("/fail").filter((request) => request.body.includes(click.eventId)),
    ).toHaveLength(7);
  });

  it("counts a redirect, a refused address and a timeout as failures to retry", async () => {
    const { org, admin } = await setting();
    const moved = await hook(admin, "/moved");
    const hang = await hook(admin, "/hang");
    await Webhook.deliverEvent(clicked(org.orgId));
    const errorOf = async (webhookId: string) =>
      (await Webhook.deliveries(admin, webhookId)).deliveries[0];
    expect(await errorOf(moved.webhookId)).toMatchObject({
      status: "pending",
      attempts: [{ outcome: "failed", error: expect.stringMatching(/redirect \(302\)/) }],
    });
    expect(bodiesOf("/ok")).toHaveLength(0);
    expect(await errorOf(hang.webhookId)).toMatchObject({
      status: "pending",
      attempts: [
        { outcome: "failed", error: expect.stringMatching(/did not answer within 5 seconds/) },
      ],
    });

    // The same receiver, no longer allowlisted: a loopback address, refused before sending.
    Runtime.use().fetchAllowlist = [];
    const before = site.received.length;
    clock.advance(60 * 60_000);
    await Webhook.retryDue({ orgId: org.orgId, now: clock.now() });
    expect(site.received.length).toBe(before);
    expect((await errorOf(moved.webhookId))?.attempts[1]).toMatchObject({
      outcome: "failed",
      error: "That address points to this server itself, which Sprida never fetches",
    });
  }, 15_000);

  it("signs a retry with the secret it was rotated to (no overlap asked), and drops pending deliveries of disabled or deleted webhooks", async () => {
    const { org, admin } = await setting();
    let failing = true;
    const flaky = await hook(admin, "/flaky");
    const disabled = await hook(admin, "/flaky-disabled");
    const deleted = await hook(admin, "/flaky-deleted");
    site.answerWith((_path, response) => {
      response.writeHead(failing ? 503 : 204).end();
    });
    await Webhook.deliverEvent(clicked(org.orgId));
    const rotated = await Webhook.rotateSecret(admin, flaky.webhookId, { overlapHours: 0 });
    await Webhook.update(admin, disabled.webhookId, { enabled: false });
    await Webhook.remove(admin, deleted.webhookId);
    failing = false;
    const before = site.received.length;
    clock.advance(2 * 60_000);
    await Webhook.retryDue({ orgId: org.orgId, now: clock.now() });

    // Earlier tests' pending deliveries may fall due too: only this test's endpoints count.
    const sent = site.received.slice(before).filter((request) => request.path.startsWith("/flaky"));
    expect(sent.map((request) => request.path)).toEqual(["/flaky"]);
    const retry = sent[0] as Received;
    const signature = String(retry.headers["sprida-signature"]);
    expect(Webhook.verify(rotated.secret, retry.body, signature, { now: clock.now() })).toBe(true);
    expect(Webhook.verify(flaky.secret, retry.body, signature, { now: clock.now() })).toBe(false);
    expect((await Webhook.deliveries(admin, flaky.webhookId)).deliveries[0]?.status).toBe(
      "delivered",
    );
    expect((await Webhook.deliveries(admin, disabled.webhookId)).deliveries[0]?.status).toBe(
      "dropped",
    );
  });
});
