import { createRoute, lazyRouteComponent as lazy } from "@tanstack/react-router";
import { signedInGate } from "../hub/hub-gate";
import { root } from "../hub/root-route";

/**
 * The admin site's routes under /admin: its frame and every place load only when opened, so
 * none of it weighs on the hub's first load. Which role may use which place: admin-places.ts.
 */
const admin = createRoute({
  getParentRoute: () => root,
  path: "/admin",
  component: lazy(() => import("./admin-layout"), "AdminLayout"),
  beforeLoad: signedInGate,
});
const place = <Path extends string>(path: Path, component: ReturnType<typeof lazy>) =>
  createRoute({ getParentRoute: () => admin, path, component });

export const adminRoutes = admin.addChildren([
  place(
    "/",
    lazy(() => import("./dashboard/dashboard-page"), "DashboardPage"),
  ),
  place(
    "/content",
    lazy(() => import("./content/content-page"), "ContentPage"),
  ),
  place(
    "/content/$contentId",
    lazy(() => import("./content/content-edit-page"), "ContentEditPage"),
  ),
  place(
    "/suggestions",
    lazy(() => import("./content/suggestions-page"), "SuggestionsPage"),
  ),
  place(
    "/feeds",
    lazy(() => import("./content/feeds-page"), "FeedsPage"),
  ),
  place(
    "/campaigns",
    lazy(() => import("./campaigns/campaigns-page"), "CampaignsPage"),
  ),
  place(
    "/members",
    lazy(() => import("./members/members-page"), "MembersPage"),
  ),
  place(
    "/guidelines",
    lazy(() => import("./members/guidelines-page"), "GuidelinesPage"),
  ),
  place(
    "/reports",
    lazy(() => import("./reports/reports-page"), "ReportsPage"),
  ),
  place(
    "/audit",
    lazy(() => import("./reports/audit-page"), "AuditPage"),
  ),
  place(
    "/settings",
    lazy(() => import("./settings/settings-page"), "SettingsPage"),
  ),
]);
