import { randomUUID } from "node:crypto";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { provideTestRuntime } from "@sprida/testing/runtime";
import { startTestInbox, type TestInbox } from "@sprida/testing/test-inbox";
import { activeMember, newEmail, newOrganisation } from "@sprida/testing/test-members";
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  type MockInstance,
  vi,
} from "vitest";
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
    expect(mail.body.html).toMatch(/<html lang="sv"[ >]/);
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

  it("mails an address at most 5 times in 15 minutes: a further request is answered as usual and mails nothing, until the next window", async () => {
    const org = await newOrganisation();
    const email = newEmail();
    await activeMember(org, email);
    for (let i = 0; i < 5; i++) await Auth.requestSignIn({ email, clientKey: clientKey() });

    await expect(Auth.requestSignIn({ email, clientKey: clientKey() })).resolves.toBeUndefined();
    expect(await inbox.mailTo(email)).toHaveLength(5);
    // No token without an e-mail: the newest e-mail's code stays the one that works.
    const written = await signInTokenEntity()
      .query.byEmail({ emailHash: emailHash(email) })
      .go();
    expect(written.data).toHaveLength(5);

    advance(15 * 60);
    await Auth.requestSignIn({ email, clientKey: clientKey() });
    expect(await inbox.mailTo(email)).toHaveLength(6);
  });

  it("does not let a stranger's requests for my address block mine: my recent e-mails still sign me in", async () => {
    const org = await newOrganisation();
    const email = newEmail();
    const membership = await activeMember(org, email);
    const stranger = clientKey();
    for (let i = 0; i < 5; i++) await Auth.requestSignIn({ email, clientKey: stranger });

    // The stranger is refused from then on; I am not, from my own client.
    const refused = Auth.requestSignIn({ email, clientKey: stranger });
    await expect(refused).rejects.toBeInstanceOf(RateLimitedError);
    await expect(refused).rejects.toMatchObject({ kind: "rate_limited", retryAfterSeconds: 900 });
    await expect(Auth.requestSignIn({ email, clientKey: clientKey() })).resolves.toBeUndefined();

    const { code, token } = await latestSignInMail(email);
    expect(await inbox.mailTo(email)).toHaveLength(5);
    const byCode = await Auth.signInWithCode({ email, code, clientKey: clientKey() });
    expect(byCode.session.memberId).toBe(membership.memberId);
    const [first] = await inbox.mailTo(email);
    const firstToken = /[?&]token=([A-Za-z0-9_-]{43})/.exec(first?.body.text ?? "")?.[1] ?? "";
    expect(firstToken).not.toBe(token);
    await expect(
      Auth.signInWithLink({ token: firstToken, clientKey: clientKey() }),
    ).resolves.toBeDefined();
  });

  it("is limited to 100 per client in 15 minutes, whatever the addresses", async () => {
    const client = clientKey();
    const results = await Promise.allSettled(
      Array.from({ length: 101 }, () =>
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

  it("counts invalid links per client, 30 in 15 minutes, and never links that work", async () => {
    const client = clientKey();
    const invalid = () => Auth.signInWithLink({ token: "A".repeat(43), clientKey: client });
    for (let i = 0; i < 29; i++)
      await expect(invalid()).rejects.toMatchObject({ code: "invalid_link" });
    for (let i = 0; i < 3; i++) {
      const { token } = await memberWithSignIn();
      await expect(Auth.signInWithLink({ token, clientKey: client })).resolves.toBeDefined();
    }
    await expect(invalid()).rejects.toMatchObject({ code: "invalid_link" });
    await expect(invalid()).rejects.toBeInstanceOf(RateLimitedError);
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

  it("leaves the link working after 5 wrong codes: guessing at the code cannot take it from its owner", async () => {
    const { email, code, token, membership } = await memberWithSignIn();
    const wrong = code === "000000" ? "000001" : "000000";
    for (let i = 0; i < 5; i++) {
      await expect(
        Auth.signInWithCode({ email, code: wrong, clientKey: clientKey() }),
      ).rejects.toMatchObject({ code: "invalid_code" });
    }
    const signedIn = await Auth.signInWithLink({ token, clientKey: clientKey() });
    expect(signedIn.session.memberId).toBe(membership.memberId);
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

  it("refuses an 11th wrong code within the hour from one client for one address, and only that client", async () => {
    const email = newEmail();
    const client = clientKey();
    const results = await Promise.allSettled(
      Array.from({ length: 11 }, () =>
        Auth.signInWithCode({ email, code: "123456", clientKey: client }),
      ),
    );
    const reasons = results.map((result) => (result as PromiseRejectedResult).reason);
    expect(reasons.filter((reason) => reason instanceof RateLimitedError)).toHaveLength(1);
    expect(reasons.filter((reason) => reason?.code === "invalid_code")).toHaveLength(10);
    await expect(
      Auth.signInWithCode({ email, code: "123456", clientKey: clientKey() }),
    ).rejects.toMatchObject({ code: "invalid_code" });
    advance(60 * 60);
    await expect(
      Auth.signInWithCode({ email, code: "123456", clientKey: client }),
    ).rejects.toMatchObject({ code: "invalid_code" });
  });

  it("does not let a stranger's wrong codes block my code: a new e-mail's code works from my client", async () => {
    const { email, code } = await memberWithSignIn();
    const stranger = clientKey();
    const wrong = code === "000000" ? "000001" : "000000";
    for (let i = 0; i < 10; i++) {
      await Auth.signInWithCode({ email, code: wrong, clientKey: stranger }).catch(() => {});
    }
    await expect(
      Auth.signInWithCode({ email, code: wrong, clientKey: stranger }),
    ).rejects.toBeInstanceOf(RateLimitedError);

    const mine = clientKey();
    await Auth.requestSignIn({ email, clientKey: mine });
    const fresh = await latestSignInMail(email);
    await expect(
      Auth.signInWithCode({ email, code: fresh.code, clientKey: mine }),
    ).resolves.toBeDefined();
  });

  it("counts no success against the client: one client signs in 40 people by code", async () => {
    const org = await newOrganisation();
    const office = clientKey();
    const people = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const email = newEmail();
        await activeMember(org, email);
        return email;
      }),
    );
    await Promise.all(people.map((email) => Auth.requestSignIn({ email, clientKey: office })));
    // People arrive a few at a time: an attempt holds its place in the limits until judged.
    const signedIn = [];
    for (let wave = 0; wave < people.length; wave += 8) {
      const arriving = people.slice(wave, wave + 8).map(async (email) => {
        const { code } = await latestSignInMail(email);
        return Auth.signInWithCode({ email, code, clientKey: office });
      });
      signedIn.push(...(await Promise.all(arriving)));
    }
    expect(signedIn).toHaveLength(40);
  });

  it("refuses a code that is not six digits as invalid input", async () => {
    await expect(
      Auth.signInWithCode({ email: newEmail(), code: "12345a", clientKey: clientKey() }),
    ).rejects.toMatchObject({ kind: "invalid" });
  });
});

describe("guessing codes spread over many clients", () => {
  const wrongFor = (code: string) => (code === "000000" ? "000001" : "000000");
  const budgetLines = (warn: MockInstance) =>
    warn.mock.calls
      .map(([line]) => String(line))
      .filter((line) => line.includes(Auth.FAILURE_BUDGET_EXHAUSTED))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const outcome = (result: PromiseSettledResult<unknown>) =>
    result.status === "fulfilled"
      ? "signed in"
      : result.reason instanceof RateLimitedError
        ? "rate limited"
        : (result.reason as { code?: string }).code;

  it("judges no more wrong codes against an organisation than its hourly budget; then its codes fail like wrong ones while links and other organisations work", async () => {
    // Prepare: 20 members of one organisation each with a sign-in e-mail; an hour of its own.
    clock.now = new Date("2026-11-29T03:00:00.000Z");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const org = await newOrganisation();
    const people = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const email = newEmail();
        await activeMember(org, email);
        await Auth.requestSignIn({ email, clientKey: clientKey() });
        return { email, ...(await latestSignInMail(email)) };
      }),
    );
    const elsewhere = await memberWithSignIn();
    const attackers = Array.from({ length: 32 }, clientKey);

    // Act: 160 wrong codes from 32 clients, each address tried once per round.
    const outcomes: unknown[] = [];
    for (let round = 0; round < 8; round++) {
      const results = await Promise.allSettled(
        people.map((person, i) =>
          Auth.signInWithCode({
            email: person.email,
            code: wrongFor(person.code),
            clientKey: attackers[(round * people.length + i) % attackers.length] as string,
          }),
        ),
      );
      outcomes.push(...results.map(outcome));
    }

    // Assess
    expect(new Set(outcomes)).toEqual(new Set(["invalid_code"]));
    const tokens = await Promise.all(
      people.map(({ token }) =>
        signInTokenEntity()
          .get({ tokenHash: sha256Hex(token) })
          .go({ consistent: true }),
      ),
    );
    const judged = tokens.reduce((sum, { data }) => sum + (data?.failedAttempts ?? 0), 0);
    expect(judged).toBe(Auth.LIMITS.codeFailuresPerOrganisation.limit);

    const [victim, other] = people;
    if (!victim || !other) throw new Error("no people");
    await expect(
      Auth.signInWithCode({ email: victim.email, code: victim.code, clientKey: clientKey() }),
    ).rejects.toMatchObject({ kind: "unauthenticated", code: "invalid_code" });
    await expect(
      Auth.signInWithLink({ token: victim.token, clientKey: clientKey() }),
    ).resolves.toBeDefined();
    await expect(
      Auth.signInWithCode({ email: elsewhere.email, code: elsewhere.code, clientKey: clientKey() }),
    ).resolves.toBeDefined();

    expect(budgetLines(warn)).toEqual([
      {
        level: "WARN",
        timestamp: expect.any(String),
        service: "sprida",
        message: Auth.FAILURE_BUDGET_EXHAUSTED,
        scope: "organisation",
        orgId: org.orgId,
        limit: 50,
        windowSeconds: 3600,
      },
    ]);
    expect(JSON.stringify(warn.mock.calls)).not.toContain(victim.email);

    // The next hour the organisation's codes are tried again.
    advance(60 * 60);
    await Auth.requestSignIn({ email: other.email, clientKey: clientKey() });
    const fresh = await latestSignInMail(other.email);
    await expect(
      Auth.signInWithCode({ email: other.email, code: fresh.code, clientKey: clientKey() }),
    ).resolves.toBeDefined();
    warn.mockRestore();
  });

  it("judges no more wrong codes in the deployment than its hourly budget, known addresses or not; then every code waits with 429 while links work", async () => {
    // Prepare: an hour of its own, and a member with a sign-in e-mail.
    clock.now = new Date("2026-11-29T05:00:00.000Z");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const member = await memberWithSignIn();
    const attackers = Array.from({ length: 60 }, clientKey);

    // Act: 300 wrong codes for addresses nobody asked for, 5 from each of 60 clients.
    const outcomes: unknown[] = [];
    for (let round = 0; round < 5; round++) {
      const results = await Promise.allSettled(
        attackers.map((client) =>
          Auth.signInWithCode({ email: newEmail(), code: "123456", clientKey: client }),
        ),
      );
      outcomes.push(...results.map(outcome));
    }
    const withRightCode = Auth.signInWithCode({
      email: member.email,
      code: member.code,
      clientKey: clientKey(),
    });

    // Assess
    const budget = Auth.LIMITS.codeFailuresPerDeployment.limit;
    expect(outcomes.filter((o) => o === "invalid_code")).toHaveLength(budget);
    expect(outcomes.filter((o) => o === "rate limited")).toHaveLength(300 - budget);
    await expect(withRightCode).rejects.toMatchObject({
      kind: "rate_limited",
      retryAfterSeconds: 60 * 60,
    });
    await expect(
      Auth.signInWithLink({ token: member.token, clientKey: clientKey() }),
    ).resolves.toBeDefined();
    expect(budgetLines(warn)).toEqual([
      {
        level: "WARN",
        timestamp: expect.any(String),
        service: "sprida",
        message: Auth.FAILURE_BUDGET_EXHAUSTED,
        scope: "deployment",
        limit: budget,
        windowSeconds: 3600,
      },
    ]);
    warn.mockRestore();
  });
});

describe("reading tokens while the index lags", () => {
  /**
   * Makes the runtime's reads of gsi1 show every sign-in token as never tried nor used, as an
   * index that has not caught up would; returns what undoes it.
   */
  function lagTheIndex(): () => void {
    const { middlewareStack } = Runtime.use().dynamo;
    middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        const input = args.input as { IndexName?: string };
        if (context.commandName === "QueryCommand" && input.IndexName === "gsi1") {
          // Items as the document client hands them on, already unmarshalled.
          const output = result.output as { Items?: Record<string, unknown>[] };
          for (const item of output.Items ?? []) {
            if ("failedAttempts" in item) item.failedAttempts = 0;
            delete item.usedAt;
          }
        }
        return result;
      },
      { step: "initialize", name: "lagTheIndex" },
    );
    return () => middlewareStack.remove("lagTheIndex");
  }

  it("decides on a strong read: the right code after 5 wrong ones is refused although the index still shows the token untried", async () => {
    const { email, code, token } = await memberWithSignIn();
    const wrong = code === "000000" ? "000001" : "000000";
    const catchUp = lagTheIndex();
    try {
      const counted: number[] = [];
      for (let i = 0; i < 5; i++) {
        await expect(
          Auth.signInWithCode({ email, code: wrong, clientKey: clientKey() }),
        ).rejects.toMatchObject({ code: "invalid_code" });
        const stored = await signInTokenEntity()
          .get({ tokenHash: sha256Hex(token) })
          .go({ consistent: true });
        counted.push(stored.data?.failedAttempts ?? -1);
      }
      expect(counted).toEqual([1, 2, 3, 4, 5]);
      const indexed = await signInTokenEntity()
        .query.byEmail({ emailHash: emailHash(email) })
        .go();
      expect(indexed.data[0]?.failedAttempts).toBe(0);

      await expect(
        Auth.signInWithCode({ email, code, clientKey: clientKey() }),
      ).rejects.toMatchObject({ kind: "unauthenticated", code: "invalid_code" });
    } finally {
      catchUp();
    }
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
