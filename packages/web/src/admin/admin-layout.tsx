import "@mantine/notifications/styles.css";
import {
  Anchor,
  AppShell,
  Burger,
  Button,
  Container,
  Group,
  NavLink,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { Link, Navigate, Outlet, useLocation } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Queries } from "../hub/queries";
import { OfflineBanner } from "../ui/offline-banner";
import { ErrorState, Loading } from "../ui/states";
import { firstPlaceFor, mayUse, PLACES, placeOf, ROLES } from "./admin-places";
import { addAdminWords } from "./admin-words";

// The admin words arrive with the admin site's code, before its first render.
addAdminWords();

/**
 * The admin site's frame: the places the person's role may use in the navigation (a drawer on
 * narrow screens), the organisation's name, a way back to the hub. A place their role may not
 * use says so instead of showing a broken page.
 */
export function AdminLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [navOpen, { toggle, close }] = useDisclosure(false);
  const session = useQuery(Queries.session);
  if (session.isPending) return <Loading />;
  if (session.isError)
    return <ErrorState error={session.error} onRetry={() => session.refetch()} />;
  const { role, orgName } = session.data;
  const first = firstPlaceFor(role);
  if (!first) return <NotForRole least="curator" standalone />;
  const place = placeOf(pathname);
  // A curator opening /admin lands on the first place they may use.
  if (place?.name === "dashboard" && !mayUse(role, place.least)) return <Navigate to={first.to} />;
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: "md", collapsed: { mobile: !navOpen } }}
      padding="lg"
    >
      <Notifications position="top-right" />
      <AppShell.Header>
        <Group h="100%" px="lg" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpen}
              onClick={toggle}
              hiddenFrom="md"
              size="sm"
              aria-label={t("admin.navigation")}
            />
            <Text fw={700} truncate>
              {orgName} · {t("admin.title")}
            </Text>
          </Group>
          <Anchor component={Link} to="/" size="sm">
            {t("admin.toHub")}
          </Anchor>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label={t("admin.navigation")}>
        {PLACES.filter((entry) => mayUse(role, entry.least)).map((entry) => {
          const current = place?.to === entry.to;
          return (
            <NavLink
              key={entry.to}
              component={Link}
              to={entry.to}
              // The dashboard's path begins every other's: only the place itself is current.
              activeOptions={{ exact: entry.to === "/admin" }}
              label={t(`admin.nav.${entry.name}`)}
              active={current}
              aria-current={current ? "page" : undefined}
              onClick={close}
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main>
        <Container size="xl" px={0}>
          <OfflineBanner />
          {place && !mayUse(role, place.least) ? <NotForRole least={place.least} /> : <Outlet />}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}

function NotForRole({
  least,
  standalone,
}: {
  least: (typeof ROLES)[number];
  standalone?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const roles = ROLES.slice(ROLES.indexOf(least)).map((role) => t(`admin.role.${role}`));
  const list = new Intl.ListFormat(i18n.language, { type: "disjunction" }).format(roles);
  return (
    <Container size="xs" py="xl" component={standalone ? "main" : "div"}>
      <Stack>
        <Title order={1} size="h3">
          {t("admin.notForRoleTitle")}
        </Title>
        <Text>{t("admin.notForRoleText", { roles: list })}</Text>
        <Button component={Link} to="/" w="fit-content">
          {t("state.backToFeed")}
        </Button>
      </Stack>
    </Container>
  );
}
