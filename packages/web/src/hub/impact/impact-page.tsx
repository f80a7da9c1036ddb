import {
  Anchor,
  Badge,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";
import { Sparkline } from "../../ui/sparkline";
import { ErrorState, Loading } from "../../ui/states";
import { Queries } from "../queries";
import { MyLinks } from "./my-links";

/** My impact: this week's points first, then month and all time, streak, badges, my links. */
export function ImpactPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const standing = useQuery(Queries.standing);
  if (standing.isPending) return <Loading />;
  if (standing.isError)
    return <ErrorState error={standing.error} onRetry={() => standing.refetch()} />;
  const { points, streak, badges, nextBadges, daily, totals } = standing.data;
  const clicks30 = daily.reduce((sum, day) => sum + day.uniqueClicks, 0);
  return (
    <Stack gap="lg">
      <Title order={1} size="h3">
        {t("impact.title")}
      </Title>
      <Paper withBorder p="md">
        <Text size="sm" c="dimmed">
          {t("impact.thisWeek")}
        </Text>
        <Text fz={48} fw={700} lh={1.1}>
          {format.number(points.week)}
        </Text>
        <Text size="sm">{t("impact.points", { count: points.week })}</Text>
        <SimpleGrid cols={2} mt="md">
          <div>
            <Text size="sm" c="dimmed">
              {t("impact.thisMonth")}
            </Text>
            <Text fw={700} size="xl">
              {format.number(points.month)}
            </Text>
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t("impact.allTime")}
            </Text>
            <Text fw={700} size="xl">
              {format.number(points.all)}
            </Text>
          </div>
        </SimpleGrid>
      </Paper>

      <Paper withBorder p="md">
        <Title order={2} size="h5">
          {t("impact.streak")}
        </Title>
        <Text size="lg" fw={700}>
          {t("impact.weeks", { count: streak.weeks })}
        </Text>
        <Text size="sm" c="dimmed">
          {streak.paused ? t("impact.streakPaused") : t("impact.streakExplain")}{" "}
          <Anchor component={Link} to="/me" hash="holiday">
            {t("impact.setHoliday")}
          </Anchor>
        </Text>
      </Paper>

      <Paper withBorder p="md">
        <Title order={2} size="h5">
          {t("impact.clicks30")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("impact.clicks30Total", { count: clicks30 })}
        </Text>
        <Sparkline
          values={daily.map((day) => day.uniqueClicks)}
          label={t("impact.sparklineLabel", {
            count: clicks30,
            from: daily[0] ? format.day(daily[0].day) : "",
            to: daily.at(-1) ? format.day(daily.at(-1)?.day ?? "") : "",
          })}
        />
        <Text size="xs" c="dimmed">
          {t("impact.totals", {
            shares: format.number(totals.sharesConfirmed),
            clicks: format.number(totals.uniqueClicks),
          })}
        </Text>
      </Paper>

      <Paper withBorder p="md">
        <Title order={2} size="h5">
          {t("impact.badges")}
        </Title>
        {badges.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("impact.noBadges")}
          </Text>
        ) : (
          <Group gap="xs" mt="xs">
            {badges.map((badge) => (
              <Badge key={badge.id} size="lg" variant="light">
                {badge.name}
              </Badge>
            ))}
          </Group>
        )}
        {nextBadges.map((next) => (
          <Stack key={next.id} gap={4} mt="sm">
            <Text size="sm">
              {t(next.metric === "sharesConfirmed" ? "impact.nextShares" : "impact.nextClicks", {
                name: next.name,
                count: next.threshold - next.current,
              })}
            </Text>
            <Progress
              value={Math.min(100, (next.current / next.threshold) * 100)}
              aria-label={t("impact.nextProgress", {
                name: next.name,
                current: next.current,
                threshold: next.threshold,
              })}
            />
          </Stack>
        ))}
      </Paper>

      <MyLinks />
    </Stack>
  );
}
