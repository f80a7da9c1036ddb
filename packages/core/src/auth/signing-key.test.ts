import { provideTestRuntime } from "@sprida/testing/runtime";
import { activeMember, newEmail, newOrganisation } from "@sprida/testing/test-members";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Keyring } from "../keyring";
import { SigningKey } from "./index";
import { signingKeyService } from "./signing-key.entity";

const clock = { now: new Date() };
beforeAll(() => provideTestRuntime({ now: () => clock.now }));
beforeEach(() => {
  clock.now = new Date("2026-11-28T10:00:00.000Z");
});
const nowSeconds = () => Math.floor(clock.now.getTime() / 1000);

async function keyOfNewOrg() {
  const org = await newOrganisation();
  const admin = await activeMember(org, newEmail(), "admin");
  const key = await SigningKey.create(admin, { name: "Conversions" });
  return { org, admin, key };
}

/** A request signed the documented way: HMAC-SHA256 over `${timestamp}.${rawBody}`. */
function signed(key: { keyId: string; secret: string }, rawBody: string, timestamp = nowSeconds()) {
  return {
    keyId: key.keyId,
    timestamp: String(timestamp),
    signature: SigningKey.signature(key.secret, timestamp, rawBody),
    rawBody,
  };
}

describe("signing keys", () => {
  it("are stored sealed, bound to their organisation and id, and shown once", async () => {
    const { key } = await keyOfNewOrg();
    const stored = (
      await signingKeyService().signingKey.get({ keyId: key.keyId }).go({ consistent: true })
    ).data;
    expect(stored?.secret).toBeDefined();
    expect(Keyring.isSealed(stored?.secret ?? "")).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(key.secret);
    expect(key.secret).toMatch(/^spsk_[A-Za-z0-9_-]{43}$/);
  });

  it("verify a request signed with the key to the key's organisation", async () => {
    const { org, key } = await keyOfNewOrg();
    expect(await SigningKey.verify(signed(key, '{"value":1}'))).toEqual({
      keyId: key.keyId,
      orgId: org.orgId,
    });
  });

  it("refuse an altered body, a wrong key, and a garbled signature", async () => {
    const { key } = await keyOfNewOrg();
    const other = await keyOfNewOrg();
    const good = signed(key, '{"value":1}');
    expect(await SigningKey.verify({ ...good, rawBody: '{"value":2}' })).toBeUndefined();
    expect(
      await SigningKey.verify({ ...signed(other.key, good.rawBody), keyId: key.keyId }),
    ).toBeUndefined();
    expect(
      await SigningKey.verify({ ...good, signature: good.signature.slice(2) }),
    ).toBeUndefined();
    expect(await SigningKey.verify({ ...good, signature: "zz".repeat(32) })).toBeUndefined();
    expect(await SigningKey.verify({ ...good, signature: undefined })).toBeUndefined();
    expect(await SigningKey.verify({ ...good, keyId: "sk_unknown" })).toBeUndefined();
  });

  it("refuse a timestamp outside the five-minute replay window, either way", async () => {
    const { key } = await keyOfNewOrg();
    const window = SigningKey.REPLAY_WINDOW_SECONDS;
    expect(window).toBe(300);
    expect(await SigningKey.verify(signed(key, "{}", nowSeconds() - window))).toBeDefined();
    expect(await SigningKey.verify(signed(key, "{}", nowSeconds() - window - 1))).toBeUndefined();
    expect(await SigningKey.verify(signed(key, "{}", nowSeconds() + window + 1))).toBeUndefined();
    // A request captured now and replayed six minutes later.
    const captured = signed(key, "{}");
    clock.now = new Date(clock.now.getTime() + 6 * 60_000);
    expect(await SigningKey.verify(captured)).toBeUndefined();
  });

  it("stop verifying once revoked; another organisation's admin cannot revoke them", async () => {
    const { admin, key } = await keyOfNewOrg();
    const other = await keyOfNewOrg();
    await expect(SigningKey.revoke(other.admin, key.keyId)).rejects.toMatchObject({
      kind: "not_found",
    });
    expect(await SigningKey.verify(signed(key, "{}"))).toBeDefined();
    expect((await SigningKey.list(admin)).map((listed) => listed.keyId)).toEqual([key.keyId]);
    await SigningKey.revoke(admin, key.keyId);
    expect(await SigningKey.verify(signed(key, "{}"))).toBeUndefined();
    expect(await SigningKey.list(admin)).toEqual([]);
  });
});
