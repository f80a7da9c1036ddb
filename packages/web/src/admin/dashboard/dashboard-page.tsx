import { Alert, Stack, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";
import { ErrorState, Loading } from "../../ui/states";
import { AdminQueries, type Range } from "../admin-queries";
import { PageHeader } from "../ui/page-header";
import { Breakdowns } from "./breakdowns";
import { localToday, presetRange, previousRange, rangeProblem } from "./period";
import { RangeBar, type RangeChoice, useSegmentName } from "./range-bar";
import { Tiles } from "./tiles";
import { TopMembers } from "./top-members";
import { TrendSection } from "./trend-section";

/**
 * The programme at a glance for a period and, if chosen, a segment: the tiles against the
 * period before, one metric over time, the breakdowns and the top named members. Today's
 * figures are read live; every figure says when it was made.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const today = localToday();
  const [choice, setChoice] = useState<RangeChoice>({ preset: "30", custom: {} });
  const problem = choice.preset === "custom" ? rangeProblem(choice.custom, today) : undefined;
  const [lastGood, setLastGood] = useState<Range>(presetRange("30", today));
  const range =
    choice.preset === "custom"
      ? problem
        ? lastGood
        : (choice.custom as Range)
      : presetRange(choice.preset, today);
  if (range.from !== lastGood.from || range.to !== lastGood.to) setLastGood(range);
  const previous = previousRange(range);
  // While another period loads, the last one stays on screen, dimmed and marked busy.
  const overview = useQuery({
    ...AdminQueries.overview(range, choice.segment),
    placeholderData: keepPreviousData,
  });
  const before = useQuery(AdminQueries.overview(previous, choice.segment));
  const segmentName = useSegmentName();
  return (
    <Stack gap="lg">
      <PageHeader title={t("admin.dashboard")} description={t("admin.dashboardIntro")} />
      <RangeBar
        choice={choice}
        onChange={setChoice}
        problem={problem}
        today={today}
        segments={overview.data?.segments ?? []}
      />
      {overview.isPending ? (
        <Loading />
      ) : overview.isError ? (
        <ErrorState error={overview.error} onRetry={() => overview.refetch()} />
      ) : (
        <>
          {overview.data.segment && (
            <Alert color="gray" variant="light">
              {t("admin.segmentScope", {
                segment: segmentName(overview.data.segment.key),
                members: overview.data.segment.members,
              })}
            </Alert>
          )}
          <Stack
            gap={6}
            aria-busy={overview.isPlaceholderData}
            style={{ opacity: overview.isPlaceholderData ? 0.55 : 1, transition: "opacity 150ms" }}
          >
            <Tiles
              overview={overview.data}
              previous={overview.isPlaceholderData ? undefined : before.data}
            />
            <Text size="xs" c="dimmed" data-testid="as-of">
              {t("admin.asOf", {
                from: format.day(overview.data.from),
                to: format.day(overview.data.to),
                time: new Date(overview.data.freshness.asOf).toLocaleTimeString(),
              })}{" "}
              {t("admin.comparedWith", {
                from: format.day(previousRange(overview.data).from),
                to: format.day(previousRange(overview.data).to),
              })}
            </Text>
          </Stack>
          <TrendSection
            range={range}
            previous={previous}
            segment={choice.segment}
            currency={overview.data.value.currency}
          />
          <Breakdowns range={range} currency={overview.data.value.currency} />
          <TopMembers range={range} />
        </>
      )}
    </Stack>
  );
}
