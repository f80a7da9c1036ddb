import {
  Anchor,
  AppShell,
  Button,
  Container,
  Group,
  NavLink,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, Outlet, useLocation } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Queries } from "../hub/queries";
import { OfflineBanner } from "../ui/offline-banner";
import { ErrorState, Loading } from "../ui/states";

/** Who may use the admin site's places (the reports API answers owners and admins). */
const ADMIN_ROLES = new Set(["owner", "admin"]);

/** The admin site: a left navigation, the organisation's name, a way back to the hub. */
export function AdminLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useQuery(Queries.session);
  if (session.isPending) return <Loading />;
  if (session.isError)
    return <ErrorState error={session.error} onRetry={() => session.refetch()} />;
  if (!ADMIN_ROLES.has(session.data.role)) {
    return (
      <Container size="xs" py="xl" component="main">
        <Stack>
          <Title order={1} size="h3">
            {t("admin.notAllowedTitle")}
          </Title>
          <Text>{t("admin.notAllowedText")}</Text>
          <Button component={Link} to="/" w="fit-content">
            {t("state.backToFeed")}
          </Button>
        </Stack>
      </Container>
    );
  }
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: "sm" }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="lg" justify="space-between">
          <Text fw={700}>
            {session.data.orgName} · {t("admin.title")}
          </Text>
          <Anchor component={Link} to="/" size="sm">
            {t("admin.toHub")}
          </Anchor>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label={t("admin.navigation")}>
        <NavLink
          component={Link}
          to="/admin"
          label={t("admin.dashboard")}
          active={location.pathname === "/admin"}
          aria-current={location.pathname === "/admin" ? "page" : undefined}
        />
      </AppShell.Navbar>
      <AppShell.Main>
        <OfflineBanner />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
