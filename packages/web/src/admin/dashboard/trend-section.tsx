import { Anchor, Group, Paper, SegmentedControl, Select, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";
import { ErrorState, Loading } from "../../ui/states";
import { AdminQueries, type Granularity, type Range, seriesCsvUrl } from "../admin-queries";
import { MetricInfo } from "./metric-info";
import { pointValue, TREND_METRICS, TREND_TILE, type TrendMetric } from "./metrics";
import { granularityFor } from "./period";
import { useMoney } from "./use-money";

// The chart's code loads when the dashboard shows it, not with the admin site's frame.
const TrendChart = lazy(() =>
  import("./trend-chart").then((module) => ({ default: module.TrendChart })),
);

/** One metric over the period, per day, week or month, with the period before dashed. */
export function TrendSection({
  range,
  previous,
  segment,
  currency,
}: {
  range: Range;
  previous: Range;
  segment?: string;
  currency: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(currency);
  const [metric, setMetric] = useState<TrendMetric>("uniqueClicks");
  const [chosen, setGranularity] = useState<Granularity | undefined>();
  const granularity = chosen ?? granularityFor(range);
  const current = useQuery(AdminQueries.series(range, granularity, segment));
  const before = useQuery(AdminQueries.series(previous, granularity, segment));
  const tile = TREND_TILE[metric];
  const metricLabel = t(`admin.tile.${tile}`);
  const show = metric === "emv" ? money : format.number;
  const labelOf = (from: string, period: string) =>
    granularity === "day"
      ? format.day(from)
      : granularity === "week"
        ? period.replace(/^\d{4}-/, "")
        : period;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="trend">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Group gap={4}>
          <Title order={2} size="h4" id="trend">
            {t("admin.trend")}
          </Title>
          <MetricInfo id={tile} label={metricLabel} />
        </Group>
        <Group gap="sm" align="flex-end">
          <Select
            label={t("admin.metric")}
            value={metric}
            onChange={(value) => value && setMetric(value as TrendMetric)}
            data={TREND_METRICS.map((value) => ({
              value,
              label: t(`admin.tile.${TREND_TILE[value]}`),
            }))}
            allowDeselect={false}
            w={220}
          />
          <SegmentedControl
            aria-label={t("admin.granularity.label")}
            value={granularity}
            onChange={(value) => setGranularity(value as Granularity)}
            data={(["day", "week", "month"] as const).map((value) => ({
              value,
              label: t(`admin.granularity.${value}`),
            }))}
          />
        </Group>
      </Group>
      {current.isPending ? (
        <Loading />
      ) : current.isError ? (
        <ErrorState error={current.error} onRetry={() => current.refetch()} />
      ) : (
        <Suspense fallback={<Loading />}>
          <TrendChart
            label={t("admin.trendLabel", {
              metric: metricLabel,
              unit: t(`admin.granularity.${granularity}`).toLowerCase(),
              from: format.day(range.from),
              to: format.day(range.to),
            })}
            format={show}
            points={current.data.points.map((point, index) => {
              const earlier = before.data?.points[index];
              return {
                label: labelOf(point.from, point.period),
                value: pointValue(metric, point),
                ...(earlier && { previous: pointValue(metric, earlier) }),
              };
            })}
          />
        </Suspense>
      )}
      <Group justify="space-between" mt="xs">
        <Text size="xs" c="dimmed">
          {t("admin.comparedWith", {
            from: format.day(previous.from),
            to: format.day(previous.to),
          })}
        </Text>
        <Anchor href={seriesCsvUrl(range, granularity, segment)} download size="sm">
          {t("admin.downloadCsv")}
        </Anchor>
      </Group>
    </Paper>
  );
}
