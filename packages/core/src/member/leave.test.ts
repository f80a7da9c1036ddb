import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { provideTestRuntime, type RecordingPublisher } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { Person } from "../person";
import { Runtime } from "../runtime";
import { inviteByToken } from "./accept";
import { changeRole, updateSegment } from "./admin";
import { currentCounts } from "./counts";
import { invite } from "./invite";
import { leave } from "./leave";
import { SYSTEM_ACTOR } from "./member.schema";
import { updateProfile } from "./profile";
import { get, list, membershipOf, membershipsOfPerson } from "./read";
import { join, newOrg, uniqueEmail } from "./test-support";

/** Every item of the table whose attributes mention `text` anywhere (keys included). */
async function itemsMentioning(pk: string, text: string) {
  const { document, tableName } = Runtime.use();
  const { Items = [] } = await document.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": pk },
      ConsistentRead: true,
    }),
  );
  return Items.filter((item) => JSON.stringify(item).toLowerCase().includes(text.toLowerCase()));
}

describe("leaving an organisation", () => {
  let publisher: RecordingPublisher;
  beforeAll(() => {
    ({ publisher } = provideTestRuntime());
  });

  it("leaves an anonymous tombstone: no e-mail, name, segment, channels or person link remain", async () => {
    const org = await newOrg();
    const owner = await join(org.orgId, "owner");
    const me = await join(org.orgId, "member", { displayName: "Leif Leaver" });
    await updateSegment(owner, me.memberId, { office: "Kiruna", competenceArea: "Mining" });
    await updateProfile(org.orgId, me.memberId, {
      channels: [{ channel: "linkedin", networkSize: 512 }],
      privacy: { namedToAdmins: true, weeklyDigest: false },
    });
    const raw = async () =>
      (
        await Runtime.use().document.send(
          new GetCommand({
            TableName: Runtime.use().tableName,
            Key: { pk: `$sprida#orgid_${org.orgId}`, sk: `$member_1#memberid_${me.memberId}` },
            ConsistentRead: true,
          }),
        )
      ).Item;
    expect(JSON.stringify(await raw())).toContain(me.email);

    await leave(org.orgId, me.memberId);

    const item = await raw();
    const { pk, sk, __edb_e__, __edb_v__, ...attributes } = item ?? {};
    expect(attributes).toEqual({
      orgId: org.orgId,
      memberId: me.memberId,
      status: "left",
      leftAt: expect.any(String),
    });
    const text = JSON.stringify(item);
    for (const secret of [me.email, "Leif", me.personId, "Kiruna", "Mining", "linkedin", "512"]) {
      expect(text).not.toContain(secret);
    }
    expect(await itemsMentioning(`$sprida#orgid_${org.orgId}`, me.email)).toEqual([]);
    expect(await itemsMentioning(`$sprida#orgid_${org.orgId}`, "Leif")).toEqual([]);
    await expect(get(org.orgId, me.memberId)).rejects.toMatchObject({ kind: "not_found" });
    expect((await list(org.orgId)).members.map((m) => m.memberId)).not.toContain(me.memberId);
  });

  it("removes the person with their last membership and frees the address", async () => {
    const org = await newOrg();
    await join(org.orgId, "owner");
    const me = await join(org.orgId);
    await leave(org.orgId, me.memberId);
    expect(await Person.find(me.personId)).toBeUndefined();
    expect(await Person.findByEmail(me.email)).toBeUndefined();
    expect(await itemsMentioning(`$sprida#personid_${me.personId}`, me.personId)).toEqual([]);
    expect(await membershipsOfPerson(me.personId)).toEqual([]);
  });

  it("keeps the person while they belong to another organisation", async () => {
    const [one, two] = [await newOrg(), await newOrg()];
    await join(one.orgId, "owner");
    const email = uniqueEmail();
    const a = await join(one.orgId, "member", { email });
    const b = await join(two.orgId, "owner", { email });
    await leave(one.orgId, a.memberId);
    expect((await Person.findByEmail(email))?.personId).toBe(a.personId);
    expect(await membershipOf(a.personId, one.orgId)).toBeUndefined();
    expect((await membershipsOfPerson(a.personId)).map((m) => m.memberId)).toEqual([b.memberId]);
  });

  it("publishes member.left with the memberId only, once: a repeated leave publishes nothing more", async () => {
    const org = await newOrg();
    await join(org.orgId, "owner");
    const me = await join(org.orgId);
    publisher.published.length = 0;
    await leave(org.orgId, me.memberId);
    await leave(org.orgId, me.memberId);
    // The event is in the leave's transaction (the outbox): a repeat has nothing to make up for.
    expect(publisher.published.map((event) => event.detailType)).toEqual(["member.left"]);
    const [left] = publisher.published;
    expect(left?.detail.properties).toEqual({ memberId: me.memberId });
    expect(left?.detail.metadata.eventId).toBe(`left-${me.memberId}`);
    expect(JSON.stringify(publisher.published)).not.toContain(me.email);
  });

  it("the last active owner cannot leave; with another owner they can", async () => {
    const org = await newOrg();
    const owner = await join(org.orgId, "owner");
    await expect(leave(org.orgId, owner.memberId)).rejects.toMatchObject({
      kind: "conflict",
      code: "last_owner",
      message: expect.stringMatching(/last owner/),
    });
    const other = await join(org.orgId, "admin");
    await changeRole(owner, other.memberId, "owner");
    await leave(org.orgId, owner.memberId);
    expect(await currentCounts(org.orgId)).toMatchObject({ owners: 1, active: 1 });
  });

  it("a person who left can be invited again, as a new member", async () => {
    const org = await newOrg();
    await join(org.orgId, "owner");
    const before = await join(org.orgId);
    await leave(org.orgId, before.memberId);
    const again = await invite({ orgId: org.orgId, email: before.email, invitedBy: SYSTEM_ACTOR });
    expect(again.member.memberId).not.toBe(before.memberId);
    expect(again.member.status).toBe("invited");
  });

  it("declining an invitation leaves the same way and the link stops working", async () => {
    const org = await newOrg();
    const { member, inviteToken } = await invite({
      orgId: org.orgId,
      email: uniqueEmail(),
      invitedBy: SYSTEM_ACTOR,
    });
    const invitedBefore = (await currentCounts(org.orgId)).invited;
    await leave(org.orgId, member.memberId);
    expect((await currentCounts(org.orgId)).invited).toBe(invitedBefore - 1);
    await expect(inviteByToken(inviteToken)).rejects.toMatchObject({ kind: "not_found" });
  });

  it("cannot leave another organisation's membership by naming it", async () => {
    const org = await newOrg();
    const elsewhere = await join((await newOrg()).orgId);
    await expect(leave(org.orgId, elsewhere.memberId)).rejects.toMatchObject({ kind: "not_found" });
    expect((await get(elsewhere.orgId, elsewhere.memberId)).status).toBe("active");
  });
});
