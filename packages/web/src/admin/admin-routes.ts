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

const dashboardPage = createRoute({
  getParentRoute: () => admin,
  path: "/",
  component: lazy(() => import("./dashboard/dashboard-page"), "DashboardPage"),
});
const contentPage = createRoute({
  getParentRoute: () => admin,
  path: "/content",
  component: lazy(() => import("./content/content-page"), "ContentPage"),
});
const contentEditPage = createRoute({
  getParentRoute: () => admin,
  path: "/content/$contentId",
  component: lazy(() => import("./content/content-edit-page"), "ContentEditPage"),
});
const suggestionsPage = createRoute({
  getParentRoute: () => admin,
  path: "/suggestions",
  component: lazy(() => import("./content/suggestions-page"), "SuggestionsPage"),
});
const feedsPage = createRoute({
  getParentRoute: () => admin,
  path: "/feeds",
  component: lazy(() => import("./content/feeds-page"), "FeedsPage"),
});
const campaignsPage = createRoute({
  getParentRoute: () => admin,
  path: "/campaigns",
  component: lazy(() => import("./campaigns/campaigns-page"), "CampaignsPage"),
});
const membersPage = createRoute({
  getParentRoute: () => admin,
  path: "/members",
  component: lazy(() => import("./members/members-page"), "MembersPage"),
});
const guidelinesPage = createRoute({
  getParentRoute: () => admin,
  path: "/guidelines",
  component: lazy(() => import("./members/guidelines-page"), "GuidelinesPage"),
});
const reportsPage = createRoute({
  getParentRoute: () => admin,
  path: "/reports",
  component: lazy(() => import("./reports/reports-page"), "ReportsPage"),
});
const mailPage = createRoute({
  getParentRoute: () => admin,
  path: "/mail",
  component: lazy(() => import("./mail/mail-page"), "MailPage"),
});
const auditPage = createRoute({
  getParentRoute: () => admin,
  path: "/audit",
  component: lazy(() => import("./reports/audit-page"), "AuditPage"),
});
const settingsPage = createRoute({
  getParentRoute: () => admin,
  path: "/settings",
  component: lazy(() => import("./settings/settings-page"), "SettingsPage"),
});

export const adminRoutes = admin.addChildren([
  dashboardPage,
  contentPage,
  contentEditPage,
  suggestionsPage,
  feedsPage,
  campaignsPage,
  membersPage,
  guidelinesPage,
  reportsPage,
  mailPage,
  auditPage,
  settingsPage,
]);
