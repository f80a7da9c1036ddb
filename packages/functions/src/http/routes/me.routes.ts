import { Session } from "@sprida/core/auth";
import { Mail } from "@sprida/core/mail";
import { Member, ProfilePatch } from "@sprida/core/member";
import { MyData } from "@sprida/core/my-data";
import { z } from "zod";
import { session } from "../callers";
import { defineRoute } from "../route";
import { clearSessionCookie } from "../session-cookie";

/** What a member sees and edits about themself. */
const MyMembership = Member.Info.pick({
  memberId: true,
  email: true,
  role: true,
  status: true,
  displayName: true,
  locale: true,
  segment: true,
  channels: true,
  mastodonServer: true,
  privacy: true,
  mail: true,
  curatorTopics: true,
  followedTopics: true,
  guidelinesAccepted: true,
  holiday: true,
  joinedAt: true,
});

/** My membership, and whether e-mail can reach me (my address bounced or complained: not). */
export const MyProfile = MyMembership.extend({ mailSuppressed: z.boolean() });

async function myProfile(member: Member.Info) {
  return { ...member, mailSuppressed: await Mail.isSuppressed(member.email) };
}

export const MeRoutes = [
  defineRoute({
    method: "get",
    path: "/api/me",
    summary: "My membership in the current organisation",
    tag: "Me",
    access: session("member"),
    response: MyProfile,
    handler: async ({ caller: me }) => {
      return myProfile(await Member.get(me.orgId, me.memberId));
    },
  }),
  defineRoute({
    method: "patch",
    path: "/api/me",
    summary:
      "Change my display name, language, channels (with network sizes: the basis of potential reach), privacy choices or holiday (streaks pause over it)",
    tag: "Me",
    access: session("member"),
    body: ProfilePatch,
    response: MyProfile,
    handler: async ({ caller: me, body }) => {
      return myProfile(await Member.updateProfile(me.orgId, me.memberId, body));
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/me/guidelines",
    summary:
      "Accept the organisation's current social media guidelines (another version is refused)",
    tag: "Me",
    access: session("member"),
    body: z.strictObject({ version: z.number().int().min(1) }),
    response: MyProfile,
    handler: async ({ caller: me, body }) => {
      return myProfile(await Member.acceptGuidelines(me.orgId, me.memberId, body.version));
    },
  }),
  defineRoute({
    method: "get",
    path: "/api/me/export",
    summary:
      "Everything Sprida holds about me in this organisation, as JSON: one key per category of /api/me/recorded",
    tag: "Me",
    access: session("member"),
    response: MyData.MyDataExport,
    handler: async ({ caller: me, c }) => {
      c.header("content-disposition", `attachment; filename="sprida-my-data-${me.orgId}.json"`);
      return MyData.exportOf(me.orgId, me.memberId);
    },
  }),
  defineRoute({
    method: "get",
    path: "/api/me/recorded",
    summary: "What Sprida records about me, why, and who sees it",
    tag: "Me",
    access: session("member"),
    query: z.strictObject({ locale: z.enum(["sv", "en"]).optional() }),
    response: z.array(Member.RecordedItem),
    handler: async ({ caller: me, query }) => {
      const profile = await Member.get(me.orgId, me.memberId);
      return Member.whatIsRecorded(query.locale ?? profile.locale);
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/me/leave",
    summary: "Leave the organisation: my personal data is deleted and my past activity anonymised",
    tag: "Me",
    access: session("member"),
    body: z.strictObject({ confirm: z.literal(true) }),
    response: z.object({ left: z.literal(true) }),
    handler: async ({ caller: me, c }) => {
      await Member.leave(me.orgId, me.memberId);
      await Session.revokeAllForMember(me.orgId, me.memberId);
      clearSessionCookie(c);
      return { left: true as const };
    },
  }),
];
