import { provideTestRuntime } from "@sprida/testing/runtime";
import { activeMember, newEmail, newOrganisation } from "@sprida/testing/test-members";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../fetch/test-support";
import { Keyring } from "../keyring";
import type { MembershipRef } from "../member";
import { testClock } from "../member/test-support";
import { Runtime } from "../runtime";
import { Webhook } from ".";
import { webhookService } from "./webhook.entity";

// Real time: DynamoDB Local expires items by their `expiresAt` against its own clock.
const clock = testClock(new Date().toISOString());
const HOUR = 3_600_000;

let receiver: TestServer;
const received: { path: string; signature: string; body: string }[] = [];

beforeAll(async () => {
  provideTestRuntime({ now: clock.now });
  receiver = await startServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        path: request.url ?? "/",
        signature: String(request.headers["sprida-signature"]),
        body: Buffer.concat(chunks).toString(),
      });
      response.writeHead(204).end();
    });
  });
});
afterAll(() => receiver.close());
beforeEach(() => {
  Runtime.use().fetchAllowlist = [receiver.hostPort];
});

async function webhookOf(path: string) {
  const org = await newOrganisation();
  const admin: MembershipRef = await activeMember(org, newEmail(), "admin");
  const created = await Webhook.create(admin, {
    url: `${receiver.origin}${path}`,
    events: ["link.clicked"],
  });
  const key = { orgId: org.orgId, webhookId: created.webhookId };
  return {
    admin,
    created,
    key,
    stored: async () => (await webhookService().webhook.get(key).go({ consistent: true })).data,
    /** Sends a ping and answers with which secrets its signature verifies under. */
    async ping() {
      const delivery = await Webhook.sendTest(admin, created.webhookId);
      const sent = received.filter((request) => request.path === path).at(-1);
      return {
        delivery,
        signature: sent?.signature ?? "",
        signedWith: (secret: string) =>
          sent !== undefined &&
          Webhook.verify(secret, sent.body, sent.signature, { now: clock.now() }),
      };
    },
  };
}

const TWO_SIGNATURES = /^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/;
const ONE_SIGNATURE = /^t=\d+,v1=[0-9a-f]{64}$/;

describe("rotating a webhook's secret", () => {
  it("signs with the new and the old secret during the overlap, and with the new one only after it", async () => {
    const hook = await webhookOf("/overlap");
    const rotated = await Webhook.rotateSecret(hook.admin, hook.created.webhookId, {
      overlapHours: 2,
    });
    const ends = new Date(clock.now().getTime() + 2 * HOUR).toISOString();
    expect(rotated.previousSecretExpiresAt).toBe(ends);
    expect((await Webhook.get(hook.admin, hook.created.webhookId)).previousSecretExpiresAt).toBe(
      ends,
    );

    const during = await hook.ping();
    expect(during.signature).toMatch(TWO_SIGNATURES);
    expect(during.signedWith(rotated.secret)).toBe(true);
    expect(during.signedWith(hook.created.secret)).toBe(true);

    clock.advance(2 * HOUR + 1_000);
    const after = await hook.ping();
    expect(after.signature).toMatch(ONE_SIGNATURE);
    expect(after.signedWith(rotated.secret)).toBe(true);
    expect(after.signedWith(hook.created.secret)).toBe(false);
    expect(await Webhook.get(hook.admin, hook.created.webhookId)).not.toHaveProperty(
      "previousSecretExpiresAt",
    );

    // The next write forgets the replaced secret for good.
    expect(await hook.stored()).toHaveProperty("previousSecret");
    await Webhook.update(hook.admin, hook.created.webhookId, { description: "CRM" });
    expect(await hook.stored()).not.toHaveProperty("previousSecret");
  });

  it("keeps only the secret a second rotation replaced, and none when asked for no overlap", async () => {
    const hook = await webhookOf("/twice");
    const second = await Webhook.rotateSecret(hook.admin, hook.created.webhookId);
    expect(second.previousSecretExpiresAt).toBe(
      new Date(clock.now().getTime() + 24 * HOUR).toISOString(),
    );
    const third = await Webhook.rotateSecret(hook.admin, hook.created.webhookId);
    const overlapping = await hook.ping();
    expect(overlapping.signedWith(third.secret)).toBe(true);
    expect(overlapping.signedWith(second.secret)).toBe(true);
    expect(overlapping.signedWith(hook.created.secret)).toBe(false);

    const revoked = await Webhook.rotateSecret(hook.admin, hook.created.webhookId, {
      overlapHours: 0,
    });
    expect(revoked).not.toHaveProperty("previousSecretExpiresAt");
    const alone = await hook.ping();
    expect(alone.signature).toMatch(ONE_SIGNATURE);
    expect(alone.signedWith(revoked.secret)).toBe(true);
    expect(alone.signedWith(third.secret)).toBe(false);
  });

  it("refuses an overlap outside 0 to 168 whole hours", async () => {
    const hook = await webhookOf("/bounds");
    for (const overlapHours of [-1, 169, 0.5]) {
      await expect(
        Webhook.rotateSecret(hook.admin, hook.created.webhookId, { overlapHours }),
      ).rejects.toMatchObject({ kind: "invalid" });
    }
  });
});

describe("a webhook's stored secret", () => {
  it("is sealed and bound to its webhook: moved into another webhook, it signs nothing", async () => {
    const ours = await webhookOf("/sealed-ours");
    const theirs = await webhookOf("/sealed-theirs");
    await Webhook.rotateSecret(ours.admin, ours.created.webhookId);
    const stored = await ours.stored();
    for (const value of [stored?.secret, stored?.previousSecret]) {
      expect(Keyring.isSealed(value ?? "")).toBe(true);
      expect(value).not.toContain("whsec_");
    }

    await webhookService()
      .webhook.patch(theirs.key)
      .set({ secret: stored?.secret ?? "" })
      .go();
    const before = received.length;
    const { delivery } = await theirs.ping();
    expect(delivery).toMatchObject({ status: "failed" });
    expect(received.length).toBe(before);
  });

  it("still signs when it was stored in plaintext before sealing, and is sealed at its first delivery or write", async () => {
    const legacy = "whsec_storedBeforeSecretsWereSealed0123456789abcdefghi";
    const delivered = await webhookOf("/legacy-delivered");
    const written = await webhookOf("/legacy-written");
    for (const hook of [delivered, written]) {
      await webhookService().webhook.patch(hook.key).set({ secret: legacy }).go();
    }

    expect((await delivered.ping()).signedWith(legacy)).toBe(true);
    expect(Keyring.isSealed((await delivered.stored())?.secret ?? "")).toBe(true);
    expect((await delivered.ping()).signedWith(legacy)).toBe(true);

    await Webhook.update(written.admin, written.created.webhookId, { description: "CRM" });
    expect(Keyring.isSealed((await written.stored())?.secret ?? "")).toBe(true);
    expect((await written.ping()).signedWith(legacy)).toBe(true);
    // Rotated, the plaintext-era secret overlaps like any other.
    const rotated = await Webhook.rotateSecret(written.admin, written.created.webhookId);
    const overlapping = await written.ping();
    expect(overlapping.signedWith(rotated.secret)).toBe(true);
    expect(overlapping.signedWith(legacy)).toBe(true);
  });
});
