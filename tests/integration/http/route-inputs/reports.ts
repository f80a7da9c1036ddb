import { addDays } from "@sprida/core/day";
import { Report } from "@sprida/core/report";
import { Runtime } from "@sprida/core/runtime";
import { Tally } from "@sprida/core/tally";
import { TestLink } from "../../../../packages/core/src/tally/test-support";
import type { AreaInputs } from "./types";

/**
 * Inputs for the reports (issue 12). Each organisation has counts yesterday, rolled up, and
 * today, live: a report leaking across organisations would show the other's numbers.
 */
export const ReportRouteInputs: AreaInputs = {
  async prepare(org) {
    const today = Runtime.use().now().toISOString().slice(0, 10);
    const link = new TestLink(
      org.orgId,
      org.member.memberId,
      `report-of-${org.orgId}`,
      "linkedin",
      {
        segment: { office: "Göteborg" },
        networkSize: 25,
      },
    );
    await Tally.applyBatch([
      link.confirmed(addDays(today, -1)),
      link.click(addDays(today, -1), "human"),
      link.click(today, "human"),
    ]);
    await Report.rollUpDue({ orgId: org.orgId });
    return {};
  },
  routes: {
    "GET /api/admin/reports/overview": () => ({}),
    "GET /api/admin/reports/series": () => ({ query: { granularity: "week" } }),
    "GET /api/admin/reports/breakdown/:dimension": () => ({
      params: { dimension: "channel" },
      query: { format: "csv" },
    }),
    "GET /api/admin/reports/export": () => ({}),
    "GET /api/admin/value-settings": () => ({}),
    "PUT /api/admin/value-settings": () => ({
      body: { effectiveFrom: "2026-01-01", fixedMonthlyCost: 500_00, cpc: { linkedin: 450 } },
    }),
    "POST /api/admin/reports/recompute": () => {
      const today = Runtime.use().now().toISOString().slice(0, 10);
      return { body: { from: addDays(today, -7), to: addDays(today, -1) } };
    },
  },
};
