import { Weekly } from "@sprida/core/weekly";
import type { AreaInputs } from "./types";

const WEEK = "2026-W40";

/** Inputs for the weekly e-mails' routes (issue 15): unsubscribe links and the admin's view. */
export const MailRouteInputs: AreaInputs = {
  prepare: async (org) => ({
    digestToken: await Weekly.unsubscribeToken({
      orgId: org.orgId,
      memberId: org.member.memberId,
      kind: "digest",
    }),
  }),
  routes: {
    "GET /api/unsubscribe": (_, f) => ({ query: { token: f.digestToken as string } }),
    "POST /api/unsubscribe": (_, f) => ({
      body: { token: f.digestToken as string, subscribed: false },
    }),
    "POST /api/unsubscribe/one-click": (_, f) => ({
      query: { token: f.digestToken as string },
      body: { "List-Unsubscribe": "One-Click" },
    }),
    "GET /api/admin/mail/overview": () => ({}),
    "GET /api/admin/mail/preview": () => ({
      query: { kind: "admin-report", week: WEEK, language: "en" },
    }),
    "POST /api/admin/mail/test": () => ({ body: { kind: "digest", week: WEEK, language: "sv" } }),
  },
};
