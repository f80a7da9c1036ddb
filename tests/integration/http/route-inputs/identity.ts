import type { AreaInputs } from "./types";

/** Inputs for the identity routes (issue 3). */
export const IdentityRouteInputs: AreaInputs = {
  routes: {
    "GET /api/health": () => ({}),
    "GET /api/openapi.json": () => ({}),
    "POST /api/auth/sign-in/request": (v) => ({ body: { email: v.member.email } }),
    "POST /api/auth/sign-in/link": () => ({ body: { token: "x".repeat(43) } }),
    "POST /api/auth/sign-in/code": (v) => ({ body: { email: v.member.email, code: "123456" } }),
    "POST /api/auth/sign-out": () => ({}),
    "POST /api/auth/sign-out-everywhere": () => ({}),
    "GET /api/session": () => ({}),
    "POST /api/session/organisation": (v) => ({ body: { orgId: v.orgId } }),
    "GET /api/me/sessions": () => ({}),
    "POST /api/invites/describe": () => ({ body: { token: "y".repeat(43) } }),
    "POST /api/invites/accept": () => ({
      body: { token: "y".repeat(43), guidelinesVersion: 1, optIn: true },
    }),
    "GET /api/me": () => ({}),
    "PATCH /api/me": () => ({ body: { displayName: "Changed by the test" } }),
    "POST /api/me/guidelines": () => ({ body: { version: 1 } }),
    "GET /api/me/export": () => ({}),
    "GET /api/me/recorded": () => ({}),
    "POST /api/me/leave": () => ({ body: { confirm: true } }),
    "GET /api/organisation": () => ({}),
    "GET /api/admin/organisation": () => ({}),
    "PATCH /api/admin/organisation": () => ({ body: { name: "Renamed by the test" } }),
    "POST /api/admin/organisation/guidelines": () => ({
      body: { text: "New guidelines from the test" },
    }),
    "GET /api/admin/members": (v) => ({ query: { q: v.member.email } }),
    "GET /api/admin/members/:memberId": (v) => ({ params: { memberId: v.member.memberId } }),
    "POST /api/admin/invites": (v) => ({ body: { email: v.member.email, role: "member" } }),
    "POST /api/admin/invites/csv": (v) => ({ csv: `email,role\n${v.member.email},member\n` }),
    "PATCH /api/admin/members/:memberId": (v) => ({
      params: { memberId: v.member.memberId },
      body: { role: "admin" },
    }),
    "POST /api/admin/members/:memberId/deactivate": (v) => ({
      params: { memberId: v.member.memberId },
    }),
    "POST /api/admin/members/:memberId/reactivate": (v) => ({
      params: { memberId: v.member.memberId },
    }),
    "GET /api/admin/member-counts": () => ({ query: { from: "2026-11-01", to: "2026-11-28" } }),
    "GET /api/admin/audit": () => ({}),
  },
};
