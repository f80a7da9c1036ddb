import { randomUUID } from "node:crypto";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { provideTestRuntime } from "../../../../tests/helpers/runtime";
import { startTestInbox, type TestInbox } from "../../../../tests/helpers/test-inbox";
import { activeMember, newEmail, newOrganisation } from "../../../../tests/helpers/test-members";
import { Member } from "../member";
import { Person } from "../person";
import { RateLimitedError } from "../rate-limit";
import { Runtime } from "../runtime";
import { Auth, Session } from "./index";
import { emailHash, sha256Hex } from "./secrets";
import { signInTokenEntity } from "./sign-in.entity";

const clock = { now: new Date() };
const advance = (seconds: number) => {
  clock.now = new Date(clock.now.getTime() + seconds * 1000);
};

let inbox: TestInbox;
beforeAll(async () => {
  inbox = await startTestInbox();
  provideTestRuntime({
    now: () => clock.now,
    mail: inbox.client,
    publicOrigin: "http://localhost:4000",
  });
});
afterAll(() => inbox.stop());
beforeEach(() => {
  clock.now = new Date("2026-11-28T10:00:00.000Z");
});

const clientKey = () => `client-${randomUUID()}`;

/** The newest sign-in e-mail to `email`: its link, token and code. */
async function latestSignInMail(email: string) {
  const mails = await inbox.mailTo(email);
  const mail = mails.at(-1);
  if (!mail?.body.text) throw new Error(`No sign-in e-mail to ${email}`);
  const url = /^(https?:\/\/\S+)$/m.exec(mail.body.text)?.[1] ?? "";
  const code = /(\d{6})$/m.exec(mail.body.text)?.[1] ?? "";
  return {
    mail,
    url,
    token: new URL(url).searchParams.get("token") ?? "",
    code,
    count: mails.length,
  };
}

async function memberWithSignIn(options: { locale?: "sv" | "en"; publicOrigin?: string } = {}) {
  const org = await newOrganisation(options);
  const email = newEmail();
  const membership = await activeMember(org, email);
  await Auth.requestSignIn({ email, clientKey: clientKey() });
  return { org, email, membership, ...(await latestSignInMail(email)) };
}

async function timed(work: () => Promise<unknown>): Promise<{ ms: number; result: unknown }> {
  const started = performance.now();
  const result = await work().then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  return { ms: performance.now() - started, result };
}

describe("asking for a sign-in e-mail", () => {
  it("answers an unknown address exactly as a known one, after as long, and mails only the known", async () => {
    const org = await newOrganisation();
    const known = newEmail();
    await activeMember(org, known);
    const unknown = newEmail();

    const forKnown = await timed(() =>
      Auth.requestSignIn({ email: known, clientKey: clientKey() }),
    );
    const forUnknown = await timed(() =>
      Auth.requestSignIn({ email: unknown, clientKey: clientKey() }),
    );

    expect(forUnknown.result).toEqual(forKnown.result);
    expect(forKnown.result).toEqual({ value: undefined });
    // Both wait out the same floor (a lower bound only: the machine decides the rest).
    expect(forKnown.ms).toBeGreaterThanOrEqual(Auth.MIN_RESPONSE_MS - 2);
    expect(forUnknown.ms).toBeGreaterThanOrEqual(Auth.MIN_RESPONSE_MS - 2);
    expect(await inbox.mailTo(known)).toHaveLength(1);
    expect(await inbox.mailTo(unknown)).toHaveLength(0);
    const written = await signInTokenEntity()
      .query.byEmail({ emailHash: emailHash(unknown) })
      .go();
    expect(written.data).toHaveLength(0);
  });

  it("mails nothing to a person whose only membership is not active yet", async () => {
    const org = await newOrganisation();
    const email = newEmail();
    await Member.invite({ orgId: org.orgId, email, invitedBy: "system" });
    expect(await Person.findByEmail(email)).toBeDefined();
    await Auth.requestSignIn({ email, clientKey: clientKey() });
    expect(await inbox.mailTo(email)).toHaveLength(0);
  });

  it("mails a link on the organisation's public origin and a code, in the organisation's language", async () => {
    const { mail, url, code } = await memberWithSignIn({
      locale: "sv",
      publicOrigin: "https://dela.exempel.se",
    });
    expect(url).toMatch(/^https:\/\/dela\.exempel\.se\/sign-in\?token=[A-Za-z0-9_-]{43}$/);
    expect(code).toMatch(/^\d{6}$/);
    expect(mail.subject).toMatch(/^Logga in på Org /);
    expect(mail.body.text).toContain("gäller i 15 minuter");
    expect(mail.body.html).toContain('<html lang="sv">');
    expect(mail.from).toBe("sprida@example.test");
  });

  it("is for the organisation asked for when the person is active there, else their first", async () => {
    const email = newEmail();
    const [first, second] = await Promise.all([newOrganisation(), newOrganisation()]);
    if (!first || !second) throw new Error("no organisations");
    await activeMember(first, email);
    const inSecond = await activeMember(second, email);
    const stranger = await newOrganisation();

    await Auth.requestSignIn({ email, orgId: second.orgId, clientKey: clientKey() });
    const asked = await Auth.signInWithLink({
      token: (await latestSignInMail(email)).token,
      clientKey: clientKey(),
    });
    expect(asked.session).toMatchObject({ orgId: second.orgId, memberId: inSecond.memberId });

    await Auth.requestSignIn({ email, orgId: stranger.orgId, clientKey: clientKey() });
    const fallback = await Auth.signInWithLink({
      token: (await latestSignInMail(email)).token,
      clientKey: clientKey(),
    });
    const firstActive = (await Member.membershipsOfPerson(asked.session.personId))[0];
    expect(fallback.session.orgId).toBe(firstActive?.orgId);
  });

  it("is limited to 5 per address in 15 minutes, and opens again in the next window", async () => {
    const org = await newOrganisation();
    const email = newEmail();
    await activeMember(org, email);
    for (let i = 0; i < 5; i++) await Auth.requestSignIn({ email, clientKey: clientKey() });
    const refused = Auth.requestSignIn({ email, clientKey: clientKey() });
    await expect(refused).rejects.toBeInstanceOf(RateLimitedError);
    await expect(refused).rejects.toMatchObject({ kind: "rate_limited", retryAfterSeconds: 900 });
    expect(await inbox.mailTo(email)).toHaveLength(5);

    advance(15 * 60);
    await Auth.requestSignIn({ email, clientKey: clientKey() });
    expect(await inbox.mailTo(email)).toHaveLength(6);
  });

  it("is limited to 30 per client in 15 minutes, whatever the addresses", async () => {
    const client = clientKey();
    const results = await Promise.allSettled(
      Array.from({ length: 31 }, () =>
        Auth.requestSignIn({ email: newEmail(), clientKey: client }),
      ),
    );
    const refused = results.filter((result) => result.status === "rejected");
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(RateLimitedError);
    advance(15 * 60);
    await Auth.requestSignIn({ email: newEmail(), clientKey: client });
  });

  it("refuses a malformed address as invalid input", async () => {
    await expect(
      Auth.requestSignIn({ email: "not-an-address", clientKey: clientKey() }),
    ).rejects.toMatchObject({ kind: "invalid" });
  });
});

describe("signing in with the e-mailed link", () => {
  it("works once and starts a session; a replay is refused as used", async () => {
    const { token, membership } = await memberWithSignIn();
    const signedIn = await Auth.signInWithLink({ token, clientKey: clientKey() });
    expect(signedIn.session).toMatchObject({
      personId: membership.personId,
      orgId: membership.orgId,
      memberId: membership.memberId,
      role: "member",
      status: "active",
    });
    expect(await Session.resolve(signedIn.sessionToken)).toMatchObject({
      sessionId: signedIn.session.sessionId,
    });
    await expect(Auth.signInWithLink({ token, clientKey: clientKey() })).rejects.toMatchObject({
      kind: "gone",
      code: "used",
    });
  });

  it("lets only one of two racing uses through", async () => {
    const { token } = await memberWithSignIn();
    const results = await Promise.allSettled([
      Auth.signInWithLink({ token, clientKey: clientKey() }),
      Auth.signInWithLink({ token, clientKey: clientKey() }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected");
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ kind: "gone", code: "used" });
  });

  it("is refused as expired after 15 minutes", async () => {
    const { token } = await memberWithSignIn();
    advance(15 * 60);
    await expect(Auth.signInWithLink({ token, clientKey: clientKey() })).rejects.toMatchObject({
      kind: "gone",
      code: "expired",
    });
  });

  it("works until the last second of its 15 minutes", async () => {
    const { token } = await memberWithSignIn();
    advance(15 * 60 - 1);
    await expect(Auth.signInWithLink({ token, clientKey: clientKey() })).resolves.toBeDefined();
  });

  it("refuses unknown and malformed tokens without telling them apart", async () => {
    for (const token of [randomUUID(), "A".repeat(43), "", `<script>${"x".repeat(150)}`]) {
      await expect(Auth.signInWithLink({ token, clientKey: clientKey() })).rejects.toMatchObject({
        kind: "unauthenticated",
        code: "invalid_link",
      });
    }
  });

  it("is refused when the membership was deactivated after the e-mail was sent", async () => {
    const { token, org, membership } = await memberWithSignIn();
    const owner = await activeMember(org, newEmail(), "owner");
    await Member.deactivate(owner, membership.memberId);
    await expect(Auth.signInWithLink({ token, clientKey: clientKey() })).rejects.toMatchObject({
      kind: "forbidden",
      code: "no_active_membership",
    });
  });

  it("is limited to 30 tries per client in 15 minutes", async () => {
    const client = clientKey();
    for (let i = 0; i < 30; i++) {
      await expect(
        Auth.signInWithLink({ token: "A".repeat(43), clientKey: client }),
      ).rejects.toMatchObject({ code: "invalid_link" });
    }
    await expect(
      Auth.signInWithLink({ token: "A".repeat(43), clientKey: client }),
    ).rejects.toBeInstanceOf(RateLimitedError);
  });
});

describe("signing in with the code", () => {
  it("works once with the e-mailed code (spaces allowed); a replay is refused as used", async () => {
    const { email, code, membership } = await memberWithSignIn();
    const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
    const signedIn = await Auth.signInWithCode({ email, code: spaced, clientKey: clientKey() });
    expect(signedIn.session).toMatchObject({ memberId: membership.memberId, role: "member" });
    await expect(
      Auth.signInWithCode({ email, code, clientKey: clientKey() }),
    ).rejects.toMatchObject({ kind: "gone", code: "used" });
  });

  it("uses up the link too: one token, one sign-in", async () => {
    const { email, code, token } = await memberWithSignIn();
    await Auth.signInWithCode({ email, code, clientKey: clientKey() });
    await expect(Auth.signInWithLink({ token, clientKey: clientKey() })).rejects.toMatchObject({
      code: "used",
    });
  });

  it("kills the token after 5 wrong codes: then even the right code fails", async () => {
    const { email, code } = await memberWithSignIn();
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < 5; i++) {
      await expect(
        Auth.signInWithCode({ email, code: wrong, clientKey: clientKey() }),
      ).rejects.toMatchObject({ kind: "unauthenticated", code: "invalid_code" });
    }
    await expect(
      Auth.signInWithCode({ email, code, clientKey: clientKey() }),
    ).rejects.toMatchObject({ kind: "unauthenticated", code: "invalid_code" });

    await Auth.requestSignIn({ email, clientKey: clientKey() });
    const fresh = await latestSignInMail(email);
    expect(fresh.count).toBe(2);
    await expect(
      Auth.signInWithCode({ email, code: fresh.code, clientKey: clientKey() }),
    ).resolves.toBeDefined();
  });

  it("kills the link with the token once the code was guessed at 5 times", async () => {
    const { email, code, token } = await memberWithSignIn();
    const wrong = code === "000000" ? "000001" : "000000";
    for (let i = 0; i < 5; i++) {
      await Auth.signInWithCode({ email, code: wrong, clientKey: clientKey() }).catch(() => {});
    }
    await expect(Auth.signInWithLink({ token, clientKey: clientKey() })).rejects.toMatchObject({
      kind: "gone",
      code: "attempts_exhausted",
    });
  });

  it("takes only the code of the newest e-mail", async () => {
    const { email, code: older } = await memberWithSignIn();
    advance(60);
    await Auth.requestSignIn({ email, clientKey: clientKey() });
    const newer = (await latestSignInMail(email)).code;
    if (older !== newer) {
      await expect(
        Auth.signInWithCode({ email, code: older, clientKey: clientKey() }),
      ).rejects.toMatchObject({ code: "invalid_code" });
    }
    await expect(
      Auth.signInWithCode({ email, code: newer, clientKey: clientKey() }),
    ).resolves.toBeDefined();
  });

  it("takes either code when two e-mails were asked for in the same millisecond (a double click)", async () => {
    const { email, code: first } = await memberWithSignIn();
    await Auth.requestSignIn({ email, clientKey: clientKey() });
    const second = (await latestSignInMail(email)).code;
    await expect(
      Auth.signInWithCode({ email, code: first, clientKey: clientKey() }),
    ).resolves.toBeDefined();
    await expect(
      Auth.signInWithCode({ email, code: second, clientKey: clientKey() }),
    ).resolves.toBeDefined();
  });

  it("is refused after 15 minutes, the same way as a wrong code", async () => {
    const { email, code } = await memberWithSignIn();
    advance(15 * 60 + 1);
    await expect(
      Auth.signInWithCode({ email, code, clientKey: clientKey() }),
    ).rejects.toMatchObject({ kind: "unauthenticated", code: "invalid_code" });
  });

  it("answers an address nobody asked for exactly as a wrong code", async () => {
    await expect(
      Auth.signInWithCode({ email: newEmail(), code: "123456", clientKey: clientKey() }),
    ).rejects.toMatchObject({ kind: "unauthenticated", code: "invalid_code" });
  });

  it("is limited to 10 tries per address in an hour, across clients", async () => {
    const email = newEmail();
    const results = await Promise.allSettled(
      Array.from({ length: 11 }, () =>
        Auth.signInWithCode({ email, code: "123456", clientKey: clientKey() }),
      ),
    );
    const reasons = results.map((result) => (result as PromiseRejectedResult).reason);
    expect(reasons.filter((reason) => reason instanceof RateLimitedError)).toHaveLength(1);
    expect(reasons.filter((reason) => reason?.code === "invalid_code")).toHaveLength(10);
    advance(60 * 60);
    await expect(
      Auth.signInWithCode({ email, code: "123456", clientKey: clientKey() }),
    ).rejects.toMatchObject({ code: "invalid_code" });
  });

  it("refuses a code that is not six digits as invalid input", async () => {
    await expect(
      Auth.signInWithCode({ email: newEmail(), code: "12345a", clientKey: clientKey() }),
    ).rejects.toMatchObject({ kind: "invalid" });
  });
});

describe("the local CLI's sign-in link", () => {
  it("is the same kind of token as the e-mailed one, returned instead of mailed", async () => {
    const org = await newOrganisation({ publicOrigin: "https://cli.acme.example" });
    const email = newEmail();
    const membership = await activeMember(org, email);
    const link = await Auth.createSignInLink({ email });
    expect(link.url).toMatch(/^https:\/\/cli\.acme\.example\/sign-in\?token=[A-Za-z0-9_-]{43}$/);
    expect(link.orgId).toBe(org.orgId);
    expect(await inbox.mailTo(email)).toHaveLength(0);
    const token = new URL(link.url).searchParams.get("token") ?? "";
    const signedIn = await Auth.signInWithLink({ token, clientKey: clientKey() });
    expect(signedIn.session.memberId).toBe(membership.memberId);
  });

  it("says so when the address is not an active member anywhere", async () => {
    await expect(Auth.createSignInLink({ email: newEmail() })).rejects.toMatchObject({
      kind: "not_found",
      code: "no_active_membership",
    });
  });
});

describe("what is stored", () => {
  it("holds no link token, code, session token or address in clear in what auth writes", async () => {
    const { email, token, code, membership } = await memberWithSignIn();
    const signedIn = await Auth.signInWithLink({ token, clientKey: clientKey() });
    advance(1);
    await Auth.requestSignIn({ email, clientKey: clientKey() });
    const second = await latestSignInMail(email);
    const byCode = await Auth.signInWithCode({ email, code: second.code, clientKey: clientKey() });

    const runtime = Runtime.use();
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await runtime.document.send(
        new ScanCommand({
          TableName: runtime.tableName,
          FilterExpression:
            "#entity IN (:token, :session, :window) AND (personId = :person OR emailHash = :email OR #key = :email)",
          ExpressionAttributeNames: { "#entity": "__edb_e__", "#key": "key" },
          ExpressionAttributeValues: {
            ":token": "signInToken",
            ":session": "session",
            ":window": "rateLimitWindow",
            ":person": membership.personId,
            ":email": emailHash(email),
          },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);

    const kinds = items.map((item) => item.__edb_e__);
    expect(kinds.filter((kind) => kind === "signInToken")).toHaveLength(2);
    expect(kinds.filter((kind) => kind === "session")).toHaveLength(2);
    expect(kinds.filter((kind) => kind === "rateLimitWindow").length).toBeGreaterThan(0);
    const raw = JSON.stringify(items);
    for (const secret of [token, second.token, signedIn.sessionToken, byCode.sessionToken]) {
      expect(raw).not.toContain(secret);
    }
    for (const secretCode of [code, second.code]) expect(raw).not.toContain(secretCode);
    expect(raw).not.toContain(email);
    // What is there instead: the hashes the lookups use.
    expect(raw).toContain(sha256Hex(token));
    expect(raw).toContain(sha256Hex(signedIn.sessionToken));
  });
});
