import {
  Anchor,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format";
import { ErrorState, Loading } from "../ui/states";
import {
  AdminQueries,
  breakdownCsvUrl,
  DIMENSIONS,
  type Dimension,
  lastDays,
  type Range,
} from "./admin-queries";
import { BarChart } from "./bar-chart";

const PRESETS = [7, 30, 90] as const;

/** The programme at a glance for a range: the tiles, clicks per day, and the breakdowns. */
export function DashboardPage() {
  const { t } = useTranslation();
  const [days, setDays] = useState<(typeof PRESETS)[number]>(30);
  const range = lastDays(days);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          {t("admin.dashboard")}
        </Title>
        <SegmentedControl
          aria-label={t("admin.range")}
          value={String(days)}
          onChange={(value) => setDays(Number(value) as (typeof PRESETS)[number])}
          data={PRESETS.map((preset) => ({
            value: String(preset),
            label: t("admin.lastDays", { count: preset }),
          }))}
        />
      </Group>
      <Tiles range={range} />
      <ClicksPerDay range={range} />
      <Breakdowns range={range} />
    </Stack>
  );
}

function useMoney(currency: string | undefined) {
  const { i18n } = useTranslation();
  const locale = i18n.language === "en" ? "en-GB" : "sv-SE";
  const format = new Intl.NumberFormat(locale, { style: "currency", currency: currency ?? "SEK" });
  return (minor: number) => format.format(minor / 100);
}

function Tiles({ range }: { range: Range }) {
  const { t } = useTranslation();
  const format = useFormat();
  const overview = useQuery(AdminQueries.overview(range));
  const money = useMoney(overview.data?.value.currency);
  if (overview.isPending) return <Loading />;
  if (overview.isError)
    return <ErrorState error={overview.error} onRetry={() => overview.refetch()} />;
  const { counts, value, participation, freshness } = overview.data;
  const ratio = (number: number | null) =>
    number === null
      ? "—"
      : new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(number);
  const tiles: { id: string; label: string; value: string; note?: string }[] = [
    { id: "shares", label: t("admin.tile.shares"), value: format.number(counts.sharesConfirmed) },
    {
      id: "participation",
      label: t("admin.tile.participation"),
      value: participation.rate === null ? "—" : `${Math.round(participation.rate * 100)} %`,
      note: t("admin.tile.participationNote", {
        sharers: participation.sharers,
        optedIn: participation.optedIn,
        invited: participation.invitedNotJoined,
      }),
    },
    { id: "unique", label: t("admin.tile.unique"), value: format.number(counts.uniqueClicks) },
    { id: "human", label: t("admin.tile.human"), value: format.number(counts.humanClicks) },
    {
      id: "reach",
      label: t("admin.tile.reach"),
      value: format.number(counts.potentialReach),
      note: t("admin.tile.reachNote"),
    },
    {
      id: "emv",
      label: t("admin.tile.emv"),
      value: money(value.emv),
      note: t("admin.tile.emvNote"),
    },
    {
      id: "ratio",
      label: t("admin.tile.valueRatio"),
      value: ratio(value.valueRatio),
      note: t("admin.tile.cost", { cost: money(value.cost) }),
    },
    {
      id: "roi",
      label: t("admin.tile.cashRoi"),
      value: ratio(value.cashRoi),
      ...(freshness.provisional && { note: t("admin.tile.provisional") }),
    },
  ];
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {tiles.map((tile) => (
          <Paper key={tile.id} withBorder p="md" data-testid={`tile-${tile.id}`}>
            <Text size="sm" c="dimmed">
              {tile.label}
            </Text>
            <Text size="xl" fw={700} data-testid={`tile-${tile.id}-value`}>
              {tile.value}
            </Text>
            {tile.note && (
              <Text size="xs" c="dimmed">
                {tile.note}
              </Text>
            )}
          </Paper>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t("admin.asOf", {
          from: format.day(overview.data.from),
          to: format.day(overview.data.to),
          time: new Date(freshness.asOf).toLocaleTimeString(),
        })}
      </Text>
    </Stack>
  );
}

function ClicksPerDay({ range }: { range: Range }) {
  const { t } = useTranslation();
  const format = useFormat();
  const series = useQuery(AdminQueries.series(range));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="clicks-per-day">
      <Title order={2} size="h4" id="clicks-per-day" mb="sm">
        {t("admin.clicksPerDay")}
      </Title>
      {series.isPending ? (
        <Loading />
      ) : series.isError ? (
        <ErrorState error={series.error} onRetry={() => series.refetch()} />
      ) : (
        <BarChart
          label={t("admin.clicksPerDay")}
          format={format.number}
          points={series.data.points.map((point) => ({
            label: format.day(point.from),
            value: point.counts.uniqueClicks,
          }))}
        />
      )}
    </Paper>
  );
}

function Breakdowns({ range }: { range: Range }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [dimension, setDimension] = useState<Dimension>("channel");
  const breakdown = useQuery(AdminQueries.breakdown(dimension, range));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="breakdowns">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="breakdowns">
          {t("admin.breakdowns")}
        </Title>
        <Anchor href={breakdownCsvUrl(dimension, range)} download data-testid="breakdown-csv">
          {t("admin.downloadCsv")}
        </Anchor>
      </Group>
      <SegmentedControl
        aria-label={t("admin.breakdownBy")}
        value={dimension}
        onChange={(value) => setDimension(value as Dimension)}
        data={DIMENSIONS.map((value) => ({ value, label: t(`admin.dimension.${value}`) }))}
        mb="sm"
      />
      {breakdown.isPending ? (
        <Loading />
      ) : breakdown.isError ? (
        <ErrorState error={breakdown.error} onRetry={() => breakdown.refetch()} />
      ) : breakdown.data.rows.length === 0 ? (
        <Text c="dimmed">{t("admin.noRows")}</Text>
      ) : (
        <Table striped aria-label={t(`admin.dimension.${dimension}`)}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t(`admin.dimension.${dimension}`)}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t("admin.tile.shares")}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t("admin.tile.unique")}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t("admin.tile.human")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {breakdown.data.rows.map((row) => (
              <Table.Tr key={row.key} data-testid={`row-${row.key}`}>
                <Table.Td>{row.label}</Table.Td>
                <Table.Td ta="right">{format.number(row.counts.sharesConfirmed)}</Table.Td>
                <Table.Td ta="right" data-testid={`row-${row.key}-unique`}>
                  {format.number(row.counts.uniqueClicks)}
                </Table.Td>
                <Table.Td ta="right">{format.number(row.counts.humanClicks)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {breakdown.data?.note && (
        <Text size="xs" c="dimmed" mt="xs">
          {breakdown.data.note}
        </Text>
      )}
    </Paper>
  );
}
