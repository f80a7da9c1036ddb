import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { marshall } from "@aws-sdk/util-dynamodb";
import { Runtime } from "@sprida/core/runtime";
import { Webhook } from "@sprida/core/webhook";
import type { DynamoDBRecord } from "aws-lambda";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../../packages/core/src/fetch/test-support";
import { handler } from "../../../packages/functions/src/streams/webhooks";
import { TestClient } from "../../helpers/http";
import { useHttpFlows } from "../../helpers/http-flows";
import { type SeededOrg, seedOrganisation } from "../../helpers/identity";

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

type Created = Webhook.WebhookWithSecret;

/** Admins register endpoints over HTTP; the table stream's consumer sends them events. */
describe("webhooks over HTTP", () => {
  const flow = useHttpFlows();
  let org: SeededOrg;
  let other: SeededOrg;
  let receiver: TestServer;
  const received: Received[] = [];

  beforeAll(async () => {
    receiver = await startServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const path = request.url ?? "/";
        received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString() });
        response.writeHead(path.startsWith("/down") ? 500 : 200).end("ok");
      });
    });
    org = await seedOrganisation("Hooks");
    other = await seedOrganisation("Elsewhere");
  });
  afterAll(() => receiver.close());
  beforeEach(() => {
    // Only this local receiver is reachable, and only because the test says so.
    Runtime.use().fetchAllowlist = [receiver.hostPort];
  });

  const admin = () => new TestClient(flow.app, org.admin.sessionToken);
  const at = (path: string) => `${receiver.origin}${path}`;
  const sentTo = (path: string) => received.filter((request) => request.path === path);

  async function register(path: string, events = ["link.clicked", "share.confirmed"]) {
    const response = await admin().post("/api/webhooks", { json: { url: at(path), events } });
    expect(response.status, response.text).toBe(201);
    return response.body as Created;
  }

  it("shows the secret on create and rotate only, pings with a signature that verifies, and deletes", async () => {
    const created = await register("/ping", ["link.clicked"]);
    expect(created).toMatchObject({ url: at("/ping"), events: ["link.clicked"], enabled: true });
    expect(created.secret).toMatch(/^whsec_/);

    const listed = await admin().get("/api/webhooks");
    expect(listed.body).toMatchObject({
      webhooks: [expect.objectContaining({ webhookId: created.webhookId })],
    });
    expect(listed.text).not.toContain("whsec_");
    const one = await admin().get(`/api/webhooks/${created.webhookId}`);
    expect(one.status).toBe(200);
    expect(one.text).not.toContain("whsec_");

    const ping = await admin().post(`/api/webhooks/${created.webhookId}/test`);
    expect(ping.status, ping.text).toBe(200);
    expect(ping.body).toMatchObject({
      type: "ping",
      status: "delivered",
      attempts: [{ attempt: 1, outcome: "delivered", httpStatus: 200 }],
    });
    const [sent] = sentTo("/ping");
    if (!sent) throw new Error("no ping arrived");
    expect(sent.headers["sprida-event"]).toBe("ping");
    const signature = String(sent.headers["sprida-signature"]);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(Webhook.verify(created.secret, sent.body, signature, { now: flow.clock.now() })).toBe(
      true,
    );

    // Rotated with the default overlap: for 24 hours the old secret signs beside the new one.
    const rotate = (json: object) =>
      admin().post(`/api/webhooks/${created.webhookId}/rotate-secret`, { json });
    const rotatedFrom = flow.clock.now().getTime();
    const rotated = await rotate({});
    expect(rotated.status, rotated.text).toBe(200);
    const { secret, previousSecretExpiresAt } = rotated.body as Created;
    expect(secret).not.toBe(created.secret);
    const overlapEnds = Date.parse(previousSecretExpiresAt ?? "") - 24 * 3_600_000;
    expect(overlapEnds).toBeGreaterThanOrEqual(rotatedFrom);
    expect(overlapEnds).toBeLessThanOrEqual(flow.clock.now().getTime());
    const pingSignature = async (nth: number) => {
      await admin().post(`/api/webhooks/${created.webhookId}/test`);
      const sent = sentTo("/ping")[nth] as Received;
      const header = String(sent.headers["sprida-signature"]);
      return {
        header,
        verifies: (key: string) =>
          Webhook.verify(key, sent.body, header, { now: flow.clock.now() }),
      };
    };
    const during = await pingSignature(1);
    expect(during.header).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(during.verifies(secret)).toBe(true);
    expect(during.verifies(created.secret)).toBe(true);

    // Rotated with no overlap (a leaked secret): only the newest signs, at once.
    const revoked = await rotate({ overlapHours: 0 });
    const newest = (revoked.body as Created).secret;
    expect(revoked.body).not.toHaveProperty("previousSecretExpiresAt");
    const after = await pingSignature(2);
    expect(after.header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(after.verifies(newest)).toBe(true);
    expect(after.verifies(secret)).toBe(false);
    expect(after.verifies(created.secret)).toBe(false);
    for (const overlapHours of [-1, 169, 1.5, "24"]) {
      expect((await rotate({ overlapHours })).status, String(overlapHours)).toBe(400);
    }

    const log = await admin().get(`/api/webhooks/${created.webhookId}/deliveries`);
    expect((log.body as { deliveries: unknown[] }).deliveries).toHaveLength(3);

    const patched = await admin().patch(`/api/webhooks/${created.webhookId}`, {
      json: { enabled: false, description: "CRM", events: ["share.confirmed"] },
    });
    expect(patched.body).toMatchObject({
      enabled: false,
      description: "CRM",
      events: ["share.confirmed"],
    });

    const deleted = await admin().request("DELETE", `/api/webhooks/${created.webhookId}`);
    expect(deleted.body).toEqual({ deleted: true });
    expect((await admin().get(`/api/webhooks/${created.webhookId}`)).status).toBe(404);
  });

  it("answers another organisation's admin with 404, refuses bad input with 400 and members and curators with 403", async () => {
    const created = await register("/private");
    const outsider = new TestClient(flow.app, other.owner.sessionToken);
    const id = created.webhookId;
    for (const [method, path] of [
      ["GET", `/api/webhooks/${id}`],
      ["PATCH", `/api/webhooks/${id}`],
      ["DELETE", `/api/webhooks/${id}`],
      ["POST", `/api/webhooks/${id}/rotate-secret`],
      ["POST", `/api/webhooks/${id}/test`],
      ["GET", `/api/webhooks/${id}/deliveries`],
    ] as const) {
      const response = await outsider.request(
        method,
        path,
        method === "PATCH"
          ? { json: { enabled: false } }
          : path.endsWith("/rotate-secret")
            ? { json: {} }
            : {},
      );
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body).toMatchObject({ error: { code: "webhook_not_found" } });
    }
    expect(
      ((await outsider.get("/api/webhooks")).body as { webhooks: unknown[] }).webhooks,
    ).toEqual([]);
    expect(sentTo("/private")).toHaveLength(0);

    for (const json of [
      { url: at("/x"), events: [] },
      { url: at("/x"), events: ["member.joined"] },
      { url: "javascript:alert(1)", events: ["link.clicked"] },
      { url: "http://hooks.example.com/x", events: ["link.clicked"] },
      { url: "https://192.168.1.10/x", events: ["link.clicked"] },
      { url: at("/x"), events: ["link.clicked"], secret: "mine" },
    ]) {
      const response = await admin().post("/api/webhooks", { json });
      expect(response.status, JSON.stringify(json)).toBe(400);
      expect(response.body).toMatchObject({
        error: { code: expect.any(String), message: expect.any(String) },
      });
    }
    for (const who of [org.member, org.curator]) {
      const client = new TestClient(flow.app, who.sessionToken);
      expect((await client.get("/api/webhooks")).status).toBe(403);
      expect(
        (await client.post("/api/webhooks", { json: { url: at("/x"), events: ["link.clicked"] } }))
          .status,
      ).toBe(403);
      expect((await client.post(`/api/webhooks/${id}/test`)).status).toBe(403);
    }
  });

  describe("the stream consumer", () => {
    let sequence = 1000;
    function ledgerInsert(item: Record<string, unknown>): DynamoDBRecord {
      sequence += 1;
      return {
        eventID: randomUUID(),
        eventName: "INSERT",
        eventSource: "aws:dynamodb",
        dynamodb: {
          SequenceNumber: String(sequence),
          NewImage: marshall({
            __edb_e__: "ledgerEvent",
            partition: "link_Ab3dE6gH9k",
            correlationId: randomUUID(),
            recordedAt: new Date().toISOString(),
            ...item,
          }) as never,
          StreamViewType: "NEW_AND_OLD_IMAGES",
        },
      };
    }
    const click = (orgId: string) => ({
      eventId: randomUUID(),
      orgId,
      name: "link.clicked",
      occurredAt: flow.clock.now().toISOString(),
      properties: {
        linkCode: "Ab3dE6gH9k",
        memberId: org.member.memberId,
        contentId: "content-1",
        channel: "linkedin",
        class: "human",
        unique: true,
        day: "2026-11-28",
        visitor: "4f1c0ffee0ddba11",
        country: "SE",
        device: "desktop",
        referrerHost: "www.linkedin.com",
      },
    });

    it("sends each event once to its organisation's subscribed endpoints, without visitor or member data", async () => {
      const clicks = await register("/stream-clicks", ["link.clicked"]);
      const shares = await register("/stream-shares", ["share.confirmed"]);
      const event = click(org.orgId);
      const share = {
        eventId: randomUUID(),
        orgId: org.orgId,
        name: "share.confirmed",
        occurredAt: flow.clock.now().toISOString(),
        properties: {
          linkCode: "Ab3dE6gH9k",
          contentId: "content-1",
          channel: "x",
          memberId: org.member.memberId,
          via: "first_unique_click",
          context: { campaignId: "launch" },
        },
      };
      const batch = {
        Records: [ledgerInsert(event), ledgerInsert(share), ledgerInsert(click(other.orgId))],
      };
      expect(await handler(batch)).toEqual({ batchItemFailures: [] });
      // The stream delivers at least once: the same records again send nothing.
      expect(await handler(batch)).toEqual({ batchItemFailures: [] });

      expect(sentTo("/stream-clicks")).toHaveLength(1);
      expect(sentTo("/stream-shares")).toHaveLength(1);
      const [sentClick] = sentTo("/stream-clicks");
      const [sentShare] = sentTo("/stream-shares");
      if (!sentClick || !sentShare) throw new Error("nothing arrived");
      expect(
        Webhook.verify(
          clicks.secret,
          sentClick.body,
          String(sentClick.headers["sprida-signature"]),
          { now: flow.clock.now() },
        ),
      ).toBe(true);
      expect(
        Webhook.verify(
          shares.secret,
          sentClick.body,
          String(sentClick.headers["sprida-signature"]),
          { now: flow.clock.now() },
        ),
      ).toBe(false);
      expect(JSON.parse(sentClick.body)).toEqual({
        id: event.eventId,
        type: "link.clicked",
        occurredAt: event.occurredAt,
        organisationId: org.orgId,
        data: {
          linkCode: "Ab3dE6gH9k",
          contentId: "content-1",
          channel: "linkedin",
          class: "human",
          unique: true,
          day: "2026-11-28",
        },
      });
      expect(JSON.parse(sentShare.body).data).toEqual({
        linkCode: "Ab3dE6gH9k",
        contentId: "content-1",
        channel: "x",
        campaignId: "launch",
        via: "first_unique_click",
      });
      for (const { body } of [sentClick, sentShare]) {
        for (const leak of [
          org.member.memberId,
          "4f1c0ffee0ddba11",
          '"SE"',
          "desktop",
          "www.linkedin.com",
          "visitor",
          "memberId",
        ]) {
          expect(body).not.toContain(leak);
        }
      }
    });

    it("never fails a record for a failing endpoint, and fails from an unreadable record on", async () => {
      const down = await register("/down", ["link.clicked"]);
      const event = click(org.orgId);
      const unreadable = ledgerInsert({ name: "link.clicked", nonsense: true });
      const response = await handler({
        Records: [ledgerInsert(event), unreadable, ledgerInsert(click(org.orgId))],
      });
      expect(response).toEqual({
        batchItemFailures: [{ itemIdentifier: unreadable.dynamodb?.SequenceNumber }],
      });
      const log = await admin().get(`/api/webhooks/${down.webhookId}/deliveries`);
      expect(log.body).toMatchObject({
        deliveries: [
          {
            eventId: event.eventId,
            status: "pending",
            attempts: [{ outcome: "failed", httpStatus: 500 }],
          },
        ],
      });
    });
  });
});
