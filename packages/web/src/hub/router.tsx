import type { QueryClient } from "@tanstack/react-query";
import { createRoute, createRouter, lazyRouteComponent } from "@tanstack/react-router";
import { adminRoutes } from "../admin/admin-routes";
import { FeedPage } from "./feed/feed-page";
import { hubGate } from "./hub-gate";
import { HubLayout } from "./hub-layout";
import { root } from "./root-route";

const text = (value: unknown) => (typeof value === "string" && value ? value : undefined);

/** The signed-in places share the header and the bottom navigation. */
const hub = createRoute({
  getParentRoute: () => root,
  id: "hub",
  component: HubLayout,
  beforeLoad: hubGate,
});

const feed = createRoute({
  getParentRoute: () => hub,
  path: "/",
  component: FeedPage,
  validateSearch: (
    search: Record<string, unknown>,
  ): { topic?: string; welcome?: boolean; share?: string } => ({
    ...(text(search.topic) && { topic: text(search.topic) }),
    ...(search.welcome === true && { welcome: true }),
    // The item whose share sheet a digest's Share button opens.
    ...(text(search.share) && { share: text(search.share) }),
  }),
});

// Less visited places load when first opened: the feed's first render waits for none of them.
const lazy = lazyRouteComponent;

const impact = createRoute({
  getParentRoute: () => hub,
  path: "/impact",
  component: lazy(() => import("./impact/impact-page"), "ImpactPage"),
});
const leaderboard = createRoute({
  getParentRoute: () => hub,
  path: "/leaderboard",
  component: lazy(() => import("./leaderboard/leaderboard-page"), "LeaderboardPage"),
});
const me = createRoute({
  getParentRoute: () => hub,
  path: "/me",
  component: lazy(() => import("./me/me-page"), "MePage"),
});
const myData = createRoute({
  getParentRoute: () => hub,
  path: "/me/data",
  component: lazy(() => import("./me/my-data-page"), "MyDataPage"),
});
const suggest = createRoute({
  getParentRoute: () => hub,
  path: "/suggest",
  component: lazy(() => import("./me/suggest-page"), "SuggestPage"),
});
const welcome = createRoute({
  getParentRoute: () => root,
  path: "/welcome",
  component: lazy(() => import("./welcome/welcome-page"), "WelcomePage"),
});

const auth = createRoute({
  getParentRoute: () => root,
  path: "/auth",
  component: lazy(() => import("./auth/sign-in-page"), "SignInPage"),
  validateSearch: (search: Record<string, unknown>): { next?: string } =>
    text(search.next) ? { next: text(search.next) } : {},
});
const authLink = createRoute({
  getParentRoute: () => root,
  path: "/auth/link",
  component: lazy(() => import("./auth/link-page"), "LinkPage"),
  validateSearch: (search: Record<string, unknown>): { token?: string } =>
    text(search.token) ? { token: text(search.token) } : {},
});
const authJoin = createRoute({
  getParentRoute: () => root,
  path: "/auth/join",
  component: lazy(() => import("./auth/join-page"), "JoinPage"),
  validateSearch: (search: Record<string, unknown>): { token?: string } =>
    text(search.token) ? { token: text(search.token) } : {},
});
const unsubscribe = createRoute({
  getParentRoute: () => root,
  path: "/unsubscribe",
  component: lazy(() => import("./unsubscribe/unsubscribe-page"), "UnsubscribePage"),
  validateSearch: (search: Record<string, unknown>): { token?: string } =>
    text(search.token) ? { token: text(search.token) } : {},
});
const signedOut = createRoute({
  getParentRoute: () => root,
  path: "/auth/signed-out",
  component: lazy(() => import("./auth/signed-out-page"), "SignedOutPage"),
  validateSearch: (search: Record<string, unknown>): { left?: boolean } =>
    search.left === true ? { left: true } : {},
});

const routeTree = root.addChildren([
  adminRoutes,
  hub.addChildren([feed, impact, leaderboard, me, myData, suggest]),
  welcome,
  auth,
  authLink,
  authJoin,
  unsubscribe,
  signedOut,
]);

export function createHubRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: "intent" });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createHubRouter>;
  }
}
