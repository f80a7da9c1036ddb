import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { testDynamo } from "@sprida/testing/dynamodb";
import { provideTestRuntime } from "@sprida/testing/runtime";
import {
  activeMember,
  invitedMember,
  newEmail,
  newOrganisation,
} from "@sprida/testing/test-members";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Member } from "../member";
import { Runtime } from "../runtime";
import { Session } from "./index";
import { sha256Hex } from "./secrets";
import { sessionEntity } from "./session.entity";

const clock = { now: new Date() };
const advance = (seconds: number) => {
  clock.now = new Date(clock.now.getTime() + seconds * 1000);
};
const HOUR = 60 * 60;
const DAY = 24 * HOUR;

beforeAll(() => provideTestRuntime({ now: () => clock.now }));
beforeEach(() => {
  clock.now = new Date("2026-11-28T10:00:00.000Z");
});

/** An organisation with an owner (who can change others) and a member with a session. */
async function signedInMember() {
  const org = await newOrganisation();
  const owner = await activeMember(org, newEmail(), "owner");
  const email = newEmail();
  const membership = await activeMember(org, email);
  const { sessionToken, session } = await Session.create(membership);
  return { org, owner, email, membership, sessionToken, session };
}

describe("server-side sessions", () => {
  it("resolve a new session's token to the member, with the role and status of the membership", async () => {
    const { membership, sessionToken, session } = await signedInMember();
    expect(sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.sessionId).toBe(sha256Hex(sessionToken));
    const resolved = await Session.resolve(sessionToken);
    expect(resolved).toEqual({
      sessionId: session.sessionId,
      personId: membership.personId,
      orgId: membership.orgId,
      memberId: membership.memberId,
      role: "member",
      status: "active",
      expiresAt: new Date(clock.now.getTime() + Session.MAX_AGE_SECONDS * 1000).toISOString(),
      startedBy: "sign-in",
      renewed: false,
    });
  });

  it("export the cookie's names and lifetimes", () => {
    expect(Session.COOKIE_NAME).toBe("sprida_session");
    expect(Session.SECURE_COOKIE_NAME).toBe("__Host-sprida_session");
    expect(Session.MAX_AGE_SECONDS).toBe(30 * DAY);
    expect(Session.ABSOLUTE_LIFETIME_SECONDS).toBe(90 * DAY);
  });

  it("resolve unknown, malformed and missing tokens to nothing", async () => {
    const { session } = await signedInMember();
    for (const token of [undefined, "", "x".repeat(43), `${"A".repeat(42)}=`, session.sessionId]) {
      expect(await Session.resolve(token)).toBeUndefined();
    }
  });

  it("are not created for a membership that is not active", async () => {
    const org = await newOrganisation();
    const invited = await invitedMember(org, newEmail());
    await expect(Session.create(invited)).rejects.toMatchObject({
      kind: "forbidden",
      code: "membership_inactive",
    });
    await expect(
      Session.create({ personId: invited.personId, orgId: org.orgId, memberId: randomUUID() }),
    ).rejects.toMatchObject({ kind: "forbidden" });
  });
});

describe("rolling expiry", () => {
  it("moves the expiry to 30 days from now when it was last moved over an hour ago, with one write an hour", async () => {
    const { sessionToken, session } = await signedInMember();
    advance(HOUR - 1);
    const early = await Session.resolve(sessionToken);
    expect(early).toMatchObject({ renewed: false, expiresAt: session.expiresAt });

    advance(1);
    const rolled = await Session.resolve(sessionToken);
    const expected = new Date(clock.now.getTime() + Session.MAX_AGE_SECONDS * 1000).toISOString();
    expect(rolled).toMatchObject({ renewed: true, expiresAt: expected });
    const stored = await sessionEntity().get({ sessionId: session.sessionId }).go();
    expect(stored.data?.extendedAt).toBe(clock.now.toISOString());

    advance(10 * 60);
    expect(await Session.resolve(sessionToken)).toMatchObject({
      renewed: false,
      expiresAt: expected,
    });
  });

  it("keeps a session used now and then alive past 30 days, and ends one left idle for 30 days", async () => {
    const { sessionToken } = await signedInMember();
    for (let week = 0; week < 6; week++) {
      advance(7 * DAY);
      expect(await Session.resolve(sessionToken)).toBeDefined();
    }
    advance(Session.MAX_AGE_SECONDS - 1);
    expect(await Session.resolve(sessionToken)).toBeDefined();

    const idle = await signedInMember();
    advance(Session.MAX_AGE_SECONDS);
    expect(await Session.resolve(idle.sessionToken)).toBeUndefined();
  });

  it("ends a session 90 days after sign-in however often it is used (a stolen one too)", async () => {
    const { sessionToken, session } = await signedInMember();
    const end = new Date(
      Date.parse(session.expiresAt) +
        (Session.ABSOLUTE_LIFETIME_SECONDS - Session.MAX_AGE_SECONDS) * 1000,
    ).toISOString();
    for (let day = 1; day < 90; day++) {
      advance(DAY);
      const resolved = await Session.resolve(sessionToken);
      expect(resolved, `day ${day}`).toBeDefined();
      expect((resolved?.expiresAt ?? "") <= end, `${resolved?.expiresAt} after ${end}`).toBe(true);
    }
    advance(DAY);
    expect(clock.now.toISOString()).toBe(end);
    expect(await Session.resolve(sessionToken)).toBeUndefined();
  });
});

describe("live membership checks", () => {
  it("take the role from the membership on every request", async () => {
    const { owner, membership, sessionToken } = await signedInMember();
    await Member.changeRole(owner, membership.memberId, "admin");
    expect(await Session.resolve(sessionToken)).toMatchObject({ role: "admin" });
  });

  it("stop a deactivated member's session at once, for good: reactivation does not revive it", async () => {
    const { owner, membership, sessionToken } = await signedInMember();
    await Member.deactivate(owner, membership.memberId);
    expect(await Session.resolve(sessionToken)).toBeUndefined();
    await Member.reactivate(owner, membership.memberId);
    expect(await Session.resolve(sessionToken)).toBeUndefined();
    expect(await Session.resolve((await Session.create(membership)).sessionToken)).toBeDefined();
  });

  it("stop the session of a member who left", async () => {
    const { membership, sessionToken } = await signedInMember();
    await Member.leave(membership.orgId, membership.memberId);
    expect(await Session.resolve(sessionToken)).toBeUndefined();
  });
});

describe("signing out", () => {
  it("here: ends this session only", async () => {
    const { membership, sessionToken, session } = await signedInMember();
    const other = await Session.create(membership);
    expect(await Session.revoke(session.sessionId)).toBe(true);
    expect(await Session.resolve(sessionToken)).toBeUndefined();
    expect(await Session.resolve(other.sessionToken)).toBeDefined();
    expect(await Session.revoke(session.sessionId)).toBe(false);
  });

  it("a picked session: only the person's own", async () => {
    const { sessionToken, session } = await signedInMember();
    const stranger = await signedInMember();
    expect(
      await Session.revoke(session.sessionId, { personId: stranger.membership.personId }),
    ).toBe(false);
    expect(await Session.resolve(sessionToken)).toBeDefined();
    expect(await Session.revoke(session.sessionId, { personId: session.personId })).toBe(true);
    expect(await Session.resolve(sessionToken)).toBeUndefined();
  });

  it("everywhere: ends every session of the person, in every organisation, and no one else's", async () => {
    const { email, membership, sessionToken } = await signedInMember();
    const elsewhere = await activeMember(await newOrganisation(), email);
    const second = await Session.create(elsewhere);
    const bystander = await signedInMember();

    expect(await Session.revokeAllForPerson(membership.personId)).toBe(2);
    expect(await Session.resolve(sessionToken)).toBeUndefined();
    expect(await Session.resolve(second.sessionToken)).toBeUndefined();
    expect(await Session.resolve(bystander.sessionToken)).toBeDefined();
    expect(await Session.revokeAllForPerson(membership.personId)).toBe(0);
  });

  it("everywhere: ends a session made a moment earlier, even while the person index lags", async () => {
    const { membership, sessionToken } = await signedInMember();
    const lagging = withLaggingIndexes();
    try {
      const moment = await Session.create(membership);
      expect(await Session.revokeAllForPerson(membership.personId)).toBe(2);
      expect(await Session.resolve(moment.sessionToken)).toBeUndefined();
      expect(await Session.resolve(sessionToken)).toBeUndefined();
    } finally {
      lagging.restore();
    }
  });

  it("of one membership (deactivation, leaving): ends its sessions, not the person's others", async () => {
    const { email, membership, sessionToken } = await signedInMember();
    const elsewhere = await Session.create(await activeMember(await newOrganisation(), email));
    expect(await Session.revokeAllForMember(membership.orgId, membership.memberId)).toBe(1);
    expect(await Session.resolve(sessionToken)).toBeUndefined();
    expect(await Session.resolve(elsewhere.sessionToken)).toBeDefined();
  });

  it("is not undone by a request rolling the expiry at the same moment", async () => {
    const sessions = await Promise.all(Array.from({ length: 8 }, () => signedInMember()));
    advance(2 * HOUR);
    await Promise.all(
      sessions.flatMap(({ sessionToken, session }) => [
        Session.resolve(sessionToken),
        Session.revoke(session.sessionId),
      ]),
    );
    for (const { sessionToken, session } of sessions) {
      expect(await Session.resolve(sessionToken)).toBeUndefined();
      expect((await sessionEntity().get({ sessionId: session.sessionId }).go()).data).toBeNull();
    }
  });
});

describe("my sessions", () => {
  it("lists the person's live sessions newest first, with nothing that signs in", async () => {
    const { email, membership, sessionToken, session } = await signedInMember();
    advance(60);
    const elsewhere = await activeMember(await newOrganisation(), email);
    const second = await Session.create(elsewhere);

    const listed = await Session.listForPerson(membership.personId);
    expect(listed.map((entry) => entry.sessionId)).toEqual([
      second.session.sessionId,
      session.sessionId,
    ]);
    expect(listed[1]).toEqual({
      sessionId: session.sessionId,
      orgId: membership.orgId,
      memberId: membership.memberId,
      createdAt: "2026-11-28T10:00:00.000Z",
      lastSeenAt: "2026-11-28T10:00:00.000Z",
      expiresAt: session.expiresAt,
    });
    const raw = JSON.stringify(listed);
    expect(raw).not.toContain(sessionToken);
    expect(raw).not.toContain(second.sessionToken);
  });

  it("leaves out expired sessions", async () => {
    const { membership, sessionToken } = await signedInMember();
    advance(20 * DAY);
    const fresh = await Session.create(membership);
    advance(11 * DAY);
    expect(await Session.resolve(sessionToken)).toBeUndefined();
    expect((await Session.listForPerson(membership.personId)).map((s) => s.sessionId)).toEqual([
      fresh.session.sessionId,
    ]);
  });
});

describe("switching organisation", () => {
  it("moves the session to another organisation where the person is active, with the role there", async () => {
    const { email, sessionToken, session } = await signedInMember();
    const other = await newOrganisation();
    const there = await activeMember(other, email, "curator");

    const switched = await Session.switchOrganisation(sessionToken, other.orgId);
    expect(switched).toMatchObject({
      sessionId: session.sessionId,
      orgId: other.orgId,
      memberId: there.memberId,
      role: "curator",
    });
    expect(await Session.resolve(sessionToken)).toMatchObject({
      orgId: other.orgId,
      memberId: there.memberId,
      role: "curator",
    });
    // Revoking the new membership's sessions finds the switched one.
    expect(await Session.revokeAllForMember(other.orgId, there.memberId)).toBe(1);
    expect(await Session.resolve(sessionToken)).toBeUndefined();
  });

  it("is forbidden to an organisation where the person is not active, and changes nothing", async () => {
    const { email, org, sessionToken } = await signedInMember();
    const invitedOnly = await newOrganisation();
    await invitedMember(invitedOnly, email);
    const stranger = await newOrganisation();
    for (const target of [invitedOnly.orgId, stranger.orgId, randomUUID()]) {
      await expect(Session.switchOrganisation(sessionToken, target)).rejects.toMatchObject({
        kind: "forbidden",
        code: "not_a_member",
      });
    }
    expect(await Session.resolve(sessionToken)).toMatchObject({ orgId: org.orgId });
  });

  it("is forbidden to a session begun by accepting an invitation: that needs a sign-in", async () => {
    const { email, org } = await signedInMember();
    const other = await newOrganisation();
    const joined = await activeMember(other, email);
    const { sessionToken } = await Session.create({ ...joined, startedBy: "invitation" });
    await expect(Session.switchOrganisation(sessionToken, org.orgId)).rejects.toMatchObject({
      kind: "forbidden",
      code: "sign_in_to_switch",
    });
    expect(await Session.resolve(sessionToken)).toMatchObject({
      orgId: other.orgId,
      startedBy: "invitation",
    });
  });

  it("needs a live session", async () => {
    const { email, sessionToken, session } = await signedInMember();
    const other = await newOrganisation();
    await activeMember(other, email);
    await Session.revoke(session.sessionId);
    await expect(Session.switchOrganisation(sessionToken, other.orgId)).rejects.toMatchObject({
      kind: "unauthenticated",
    });
  });
});

/**
 * The runtime's table client with every index query answering as an index that has not caught
 * up yet (GSIs are eventually consistent on AWS; DynamoDB Local's never lag).
 */
function withLaggingIndexes() {
  const before = Runtime.use();
  const dynamo = testDynamo();
  const lagging = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: "eu-north-1",
    credentials: dynamo.client.config.credentials,
  });
  lagging.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { IndexName?: string };
      if (context.commandName === "QueryCommand" && input.IndexName) {
        return { output: { Items: [], Count: 0, ScannedCount: 0, $metadata: {} }, response: {} };
      }
      return next(args);
    },
    { step: "initialize", name: "laggingIndexes" },
  );
  Runtime.provide({ ...before, dynamo: lagging, document: Runtime.documentClient(lagging) });
  return { restore: () => Runtime.provide(before) };
}
