import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../error";
import { Org } from "../org";
import { Runtime } from "../runtime";
import { deactivate } from "./admin";
import { acceptGuidelines } from "./guidelines";
import { get } from "./read";
import { join, newOrg, testClock } from "./test-support";

const clock = testClock("2026-03-10T09:00:00.000Z");

beforeAll(() => {
  provideTestRuntime({ now: clock.now });
});

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (error instanceof DomainError) return error;
  throw new Error(`expected a refusal, got ${String(error)}`);
}

/** A member who joined on version 1, and version 2 published since. */
async function newVersionOut() {
  const org = await newOrg();
  const owner = await join(org.orgId, "owner");
  const me = await join(org.orgId);
  clock.advance(60_000);
  await Org.publishGuidelines(org.orgId, "Be kind. Be honest. Say where you work.");
  clock.advance(60_000);
  return { org, owner, me };
}

describe("accepting the guidelines", () => {
  it("stores the current version with the time and answers with the member", async () => {
    const { org, me } = await newVersionOut();
    const joinedOn = (await get(org.orgId, me.memberId)).guidelinesAccepted;
    expect(joinedOn?.version).toBe(1);

    const member = await acceptGuidelines(org.orgId, me.memberId, 2);

    const accepted = { version: 2, acceptedAt: clock.now().toISOString() };
    expect(member).toMatchObject({ memberId: me.memberId, guidelinesAccepted: accepted });
    expect((await get(org.orgId, me.memberId)).guidelinesAccepted).toEqual(accepted);
  });

  it("keeps the first acceptance's time when the same version is accepted again", async () => {
    const { org, me } = await newVersionOut();
    const first = await acceptGuidelines(org.orgId, me.memberId, 2);
    clock.advance(60_000);
    const again = await acceptGuidelines(org.orgId, me.memberId, 2);
    expect(again.guidelinesAccepted).toEqual(first.guidelinesAccepted);
  });

  it("refuses a version that is not the current one, and changes nothing", async () => {
    const { org, me } = await newVersionOut();
    const before = await get(org.orgId, me.memberId);
    for (const version of [1, 3]) {
      const error = await refusal(acceptGuidelines(org.orgId, me.memberId, version));
      expect(error).toMatchObject({ kind: "conflict", code: "guidelines_changed" });
      expect(error.message).toContain("version 2 is");
    }
    expect(await refusal(acceptGuidelines(org.orgId, me.memberId, 0))).toMatchObject({
      kind: "invalid",
    });
    expect(await get(org.orgId, me.memberId)).toEqual(before);
  });

  it("goes by the member's own organisation's version, never another's", async () => {
    const { org: theirs, me: them } = await newVersionOut();
    const org = await newOrg();
    const me = await join(org.orgId);
    const before = await get(org.orgId, me.memberId);
    // Version 2 is current over there, not here.
    const error = await refusal(acceptGuidelines(org.orgId, me.memberId, 2));
    expect(error).toMatchObject({ kind: "conflict", code: "guidelines_changed" });
    expect(await get(org.orgId, me.memberId)).toEqual(before);
    // Another organisation's member cannot be reached through this organisation.
    const theirsBefore = await get(theirs.orgId, them.memberId);
    expect(await refusal(acceptGuidelines(org.orgId, them.memberId, 1))).toMatchObject({
      kind: "not_found",
    });
    expect(await get(theirs.orgId, them.memberId)).toEqual(theirsBefore);
  });

  it("refuses a deactivated member, and changes nothing", async () => {
    const { org, owner, me } = await newVersionOut();
    await deactivate(owner, me.memberId);
    const before = await get(org.orgId, me.memberId);
    expect(await refusal(acceptGuidelines(org.orgId, me.memberId, 2))).toMatchObject({
      kind: "conflict",
      code: "not_active",
    });
    expect(await get(org.orgId, me.memberId)).toEqual(before);
  });

  it("refuses the version read when a new one comes out before the write, and changes nothing", async () => {
    const { org, me } = await newVersionOut();
    const before = await get(org.orgId, me.memberId);
    const { middlewareStack } = Runtime.use().dynamo;
    let published = false;
    middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "TransactWriteItemsCommand" && !published) {
          published = true;
          await Org.publishGuidelines(org.orgId, "Version 3, out while you accepted 2.");
        }
        return next(args);
      },
      { step: "initialize", name: "publishMeanwhile" },
    );
    try {
      const error = await refusal(acceptGuidelines(org.orgId, me.memberId, 2));
      expect(error).toMatchObject({ kind: "conflict", code: "guidelines_changed" });
    } finally {
      middlewareStack.remove("publishMeanwhile");
    }
    expect(published).toBe(true);
    expect(await get(org.orgId, me.memberId)).toEqual(before);
  });
});
