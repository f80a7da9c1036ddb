import { beforeAll, describe, expect, it } from "vitest";
import { provideTestRuntime } from "../../../../tests/helpers/runtime";
import { Org } from "../org";
import { changeRole, updateSegment } from "./admin";
import { exportData } from "./export-data";
import { leave } from "./leave";
import { join, newOrg, testClock } from "./test-support";
import { RECORDED, Viewer, whatIsRecorded } from "./what-is-recorded";

describe("the member's rights", () => {
  const clock = testClock();
  beforeAll(() => provideTestRuntime({ now: clock.now }));

  it("exports everything held about me: address, membership, accepted guidelines, admin actions about me", async () => {
    const org = await newOrg({ guidelines: "Version one" });
    const owner = await join(org.orgId, "owner");
    const me = await join(org.orgId, "member", { displayName: "Maja" });
    clock.advance(1000);
    await changeRole(owner, me.memberId, "curator");
    clock.advance(1000);
    await updateSegment(owner, me.memberId, { office: "Visby" });
    await Org.publishGuidelines(org.orgId, "Version two");

    const data = await exportData(org.orgId, me.memberId);
    expect(data).toMatchObject({
      organisation: { orgId: org.orgId, name: org.name },
      person: { personId: me.personId, email: me.email },
      membership: {
        memberId: me.memberId,
        email: me.email,
        displayName: "Maja",
        role: "curator",
        segment: { office: "Visby" },
        guidelinesAccepted: { version: 1 },
        privacy: { namedToAdmins: false, weeklyDigest: true },
        holiday: null,
      },
      acceptedGuidelines: { version: 1, text: "Version one" },
    });
    expect(data.auditEntries.map((entry) => entry.action)).toEqual([
      "member.invited",
      "member.role_changed",
      "member.segment_changed",
    ]);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(JSON.stringify(data)).not.toContain("inviteTokenHash");
  });

  it("has nothing to export once I have left", async () => {
    const org = await newOrg();
    await join(org.orgId, "owner");
    const me = await join(org.orgId);
    await leave(org.orgId, me.memberId);
    await expect(exportData(org.orgId, me.memberId)).rejects.toMatchObject({ kind: "not_found" });
  });

  it("describes what is recorded, why, who sees it and for how long, in Swedish and English", () => {
    const en = whatIsRecorded("en");
    const sv = whatIsRecorded("sv");
    expect(en.map((item) => item.id)).toEqual(sv.map((item) => item.id));
    expect(en.length).toBe(RECORDED.length);
    for (const item of [...en, ...sv]) {
      expect(item.item.length).toBeGreaterThan(0);
      expect(item.purpose.length).toBeGreaterThan(0);
      expect(item.retention.length).toBeGreaterThan(0);
      expect(item.whoSees.length).toBeGreaterThan(0);
      for (const viewer of item.whoSees) expect(Viewer.options).toContain(viewer);
    }
    expect(en.find((item) => item.id === "email")).toMatchObject({
      item: "Your e-mail address",
      whoSees: ["me", "admins"],
    });
    expect(sv.find((item) => item.id === "email")?.item).toBe("Din e-postadress");
    // Network sizes are the member's to share: admins see them per member only if named.
    expect(en.find((item) => item.id === "channels")?.whoSees).toEqual(["me", "admins_if_named"]);
    expect(en.find((item) => item.id === "privacy")?.whoSees).toEqual(["me"]);
  });
});
