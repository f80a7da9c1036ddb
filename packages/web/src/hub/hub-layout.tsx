import { Anchor, AppShell, Box, Group, Text, UnstyledButton } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, Navigate, Outlet, useLocation } from "@tanstack/react-router";
import type { ComponentType } from "react";
import { useTranslation } from "react-i18next";
import { mayUse } from "../admin/admin-places";
import { isApiError } from "../api";
import { BoardIcon, FeedIcon, ImpactIcon, MeIcon } from "../ui/icons";
import { OfflineBanner } from "../ui/offline-banner";
import { ErrorState, Loading } from "../ui/states";
import classes from "./hub-layout.module.css";
import { useProfileLocale } from "./profile-locale";
import { Queries } from "./queries";

const PLACES: { to: string; label: string; Icon: ComponentType }[] = [
  { to: "/", label: "nav.feed", Icon: FeedIcon },
  { to: "/impact", label: "nav.impact", Icon: ImpactIcon },
  { to: "/leaderboard", label: "nav.leaderboard", Icon: BoardIcon },
  { to: "/me", label: "nav.me", Icon: MeIcon },
];

/** The signed-in hub: a header, one centred column, and four places at the bottom. */
export function HubLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  // Read before the place renders (hub-gate.ts): here from the cache, kept fresh.
  const session = useQuery(Queries.session);
  useProfileLocale(session.isSuccess);
  if (session.isPending) return <Loading />;
  if (session.isError) {
    if (isApiError(session.error) && session.error.signedOut) {
      return <Navigate to="/auth" search={{ next: location.href }} replace />;
    }
    return <ErrorState error={session.error} onRetry={() => session.refetch()} />;
  }
  return (
    <AppShell header={{ height: 56 }} footer={{ height: 64 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" className={classes.column}>
          <Text fw={700} truncate>
            {session.data.orgName || "Sprida"}
          </Text>
          {mayUse(session.data.role, "curator") && (
            <Anchor href="/admin" size="sm">
              {t("nav.admin")}
            </Anchor>
          )}
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <OfflineBanner />
        <Box className={classes.column}>
          <Outlet />
        </Box>
      </AppShell.Main>
      <AppShell.Footer component="nav" aria-label={t("nav.label")}>
        <Group grow gap={0} h="100%" className={classes.column}>
          {PLACES.map(({ to, label, Icon }) => {
            const current =
              to === "/" ? location.pathname === "/" : location.pathname.startsWith(to);
            return (
              <UnstyledButton
                key={to}
                component={Link}
                to={to}
                className={classes.place}
                data-current={current || undefined}
                aria-current={current ? "page" : undefined}
              >
                <Icon />
                <span>{t(label)}</span>
              </UnstyledButton>
            );
          })}
        </Group>
      </AppShell.Footer>
    </AppShell>
  );
}
