import { Audit } from "@sprida/core/audit";
import { Session } from "@sprida/core/auth";
import { AdminInvite, AdminMemberPatch, ListMembersQuery, Member } from "@sprida/core/member";
import { Onboarding } from "@sprida/core/onboarding";
import { z } from "zod";
import { actorOf, session } from "../callers";
import { defineRoute } from "../route";

/** What an admin sees of a member: enough to administer, nothing of their activity. */
export const MemberView = Member.Info.pick({
  memberId: true,
  email: true,
  displayName: true,
  role: true,
  status: true,
  segment: true,
  curatorTopics: true,
  invitedAt: true,
  inviteExpiresAt: true,
  joinedAt: true,
  deactivatedAt: true,
});

const MemberParams = z.strictObject({ memberId: z.string().min(1).max(64) });
const Day = z.iso.date();

export const AdminMemberRoutes = [
  defineRoute({
    method: "get",
    path: "/api/admin/members",
    summary: "List, search and filter members (status, role, segment, text)",
    tag: "Admin",
    access: session("admin"),
    query: ListMembersQuery.extend({ limit: z.coerce.number().int().min(1).max(100).default(50) }),
    response: z.object({ members: z.array(MemberView), cursor: z.string().nullable().optional() }),
    handler: async ({ caller, query }) => Member.list(caller.orgId, query),
  }),
  defineRoute({
    method: "get",
    path: "/api/admin/members/:memberId",
    summary: "One member",
    tag: "Admin",
    access: session("admin"),
    params: MemberParams,
    response: MemberView,
    handler: async ({ caller, params }) => Member.get(caller.orgId, params.memberId),
  }),
  defineRoute({
    method: "post",
    path: "/api/admin/invites",
    summary: "Invite one address; the invitation is e-mailed",
    tag: "Admin",
    access: session("admin"),
    body: AdminInvite,
    response: MemberView,
    status: 201,
    handler: async ({ caller: me, body }) => {
      return Onboarding.inviteByMail({ ...body, orgId: me.orgId, invitedBy: me.memberId });
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/admin/invites/csv",
    summary:
      "Invite from CSV (header: email, displayName, role, office, unit, competenceArea); a result per row",
    tag: "Admin",
    access: session("admin"),
    bodyType: "csv",
    body: z.string().min(1).max(1_000_000),
    response: z.object({ rows: z.array(Member.CsvRowOutcome) }),
    handler: async ({ caller: me, body }) => {
      return {
        rows: await Onboarding.inviteCsvByMail({
          orgId: me.orgId,
          csv: body,
          invitedBy: me.memberId,
        }),
      };
    },
  }),
  defineRoute({
    method: "patch",
    path: "/api/admin/members/:memberId",
    summary: "Change a member's role, segment or curator topics (audited)",
    tag: "Admin",
    access: session("admin"),
    params: MemberParams,
    body: AdminMemberPatch,
    response: MemberView,
    handler: async ({ caller, params, body }) => {
      const by = actorOf(caller);
      let member = await Member.get(by.orgId, params.memberId);
      if (body.role) member = await Member.changeRole(by, params.memberId, body.role);
      if (body.segment) member = await Member.updateSegment(by, params.memberId, body.segment);
      if (body.curatorTopics)
        member = await Member.setCuratorTopics(by, params.memberId, body.curatorTopics);
      return member;
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/admin/members/:memberId/deactivate",
    summary: "Deactivate a member (signs them out everywhere in this organisation; audited)",
    tag: "Admin",
    access: session("admin"),
    params: MemberParams,
    response: MemberView,
    handler: async ({ caller, params }) => {
      const by = actorOf(caller);
      const member = await Member.deactivate(by, params.memberId);
      await Session.revokeAllForMember(by.orgId, params.memberId);
      return member;
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/admin/members/:memberId/reactivate",
    summary: "Reactivate a deactivated member (audited)",
    tag: "Admin",
    access: session("admin"),
    params: MemberParams,
    response: MemberView,
    handler: async ({ caller, params }) => Member.reactivate(actorOf(caller), params.memberId),
  }),
  defineRoute({
    method: "get",
    path: "/api/admin/member-counts",
    summary:
      "Active and invited members per local day (for participation history; default: the last 30)",
    tag: "Admin",
    access: session("admin"),
    query: z.strictObject({ from: Day.optional(), to: Day.optional() }),
    response: z.object({
      days: z.array(Member.DayCounts),
    }),
    handler: async ({ caller, query }) => ({
      days: await Member.countsByDay(caller.orgId, query.from, query.to),
    }),
  }),
  defineRoute({
    method: "get",
    path: "/api/admin/audit",
    summary: "The audit log of admin actions, newest first (owners only)",
    tag: "Admin",
    access: session("owner"),
    query: z.strictObject({
      cursor: z.string().max(2000).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(50),
    }),
    response: z.object({
      entries: z.array(Audit.AuditEntry.omit({ orgId: true, auditId: true })),
      cursor: z.string().nullable().optional(),
    }),
    handler: async ({ caller, query }) => Audit.list(caller.orgId, query),
  }),
];
