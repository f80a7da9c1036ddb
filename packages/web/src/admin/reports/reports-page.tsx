import {
  Anchor,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call } from "../../api";
import { useFormat } from "../../i18n/format";
import { ErrorState, Loading } from "../../ui/states";
import {
  AdminQueries,
  breakdownCsvUrl,
  DIMENSIONS,
  type Dimension,
  type Range,
} from "../admin-queries";
import { localToday, presetRange, rangeProblem } from "../dashboard/period";
import { useMoney } from "../dashboard/use-money";
import { useAdminMutation } from "../ui/admin-mutation";
import { ConfirmButton } from "../ui/confirm-button";
import { PageHeader } from "../ui/page-header";

/** Every breakdown of a chosen period in full, its CSV, the raw export, and a recompute. */
export function ReportsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const today = localToday();
  const [chosen, setChosen] = useState<Partial<Range>>(presetRange("30", today));
  const problem = rangeProblem(chosen, today);
  const [range, setRange] = useState<Range>(presetRange("30", today));
  if (!problem && (chosen.from !== range.from || chosen.to !== range.to)) setRange(chosen as Range);
  const [dimension, setDimension] = useState<Dimension>("content");
  const recompute = useAdminMutation({
    mutationFn: () => call(api.POST("/api/admin/reports/recompute", { body: range })),
    invalidate: [["admin"]],
  });
  return (
    <Stack gap="lg">
      <PageHeader title={t("admin.reports.title")} description={t("admin.reports.intro")} />
      <Group align="flex-start">
        <TextInput
          type="date"
          label={t("admin.fromDay")}
          value={chosen.from ?? ""}
          max={today}
          onChange={(event) => setChosen({ ...chosen, from: event.currentTarget.value })}
          error={problem ? t(`admin.rangeProblem.${problem as "order"}`) : undefined}
        />
        <TextInput
          type="date"
          label={t("admin.toDay")}
          value={chosen.to ?? ""}
          max={today}
          onChange={(event) => setChosen({ ...chosen, to: event.currentTarget.value })}
        />
      </Group>
      <SegmentedControl
        aria-label={t("admin.breakdownBy")}
        value={dimension}
        onChange={(value) => setDimension(value as Dimension)}
        data={DIMENSIONS.map((value) => ({ value, label: t(`admin.dimension.${value}`) }))}
        w="fit-content"
      />
      <BreakdownTable dimension={dimension} range={range} />
      <Paper withBorder p="md" component="section" aria-labelledby="raw-export">
        <Title order={2} size="h4" id="raw-export" mb="xs">
          {t("admin.reports.export")}
        </Title>
        <Text size="sm" mb="xs">
          {t("admin.reports.exportText")}
        </Text>
        <Anchor
          href={`/api/admin/reports/export?${new URLSearchParams(range)}`}
          download
          data-testid="raw-export"
        >
          {t("admin.reports.exportLink")}
        </Anchor>
      </Paper>
      <Group>
        <ConfirmButton
          color="blue"
          title={t("admin.reports.recomputeTitle", {
            from: format.day(range.from),
            to: format.day(range.to),
          })}
          message={t("admin.reports.recomputeText")}
          confirmLabel={t("admin.reports.recompute")}
          onConfirm={() => recompute.mutateAsync(undefined)}
          loading={recompute.isPending}
        >
          {t("admin.reports.recompute")}
        </ConfirmButton>
        {recompute.data && (
          <Text role="status">
            {t("admin.reports.recomputed", { rolled: recompute.data.rolled })}
          </Text>
        )}
      </Group>
    </Stack>
  );
}

function BreakdownTable({ dimension, range }: { dimension: Dimension; range: Range }) {
  const { t } = useTranslation();
  const format = useFormat();
  const breakdown = useQuery(AdminQueries.breakdown(dimension, range));
  const overview = useQuery(AdminQueries.overview(range));
  const money = useMoney(overview.data?.value.currency);
  const label = t("admin.reports.breakdown", {
    dimension: t(`admin.dimension.${dimension}`).toLowerCase(),
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="breakdown-table">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="breakdown-table">
          {label}
        </Title>
        <Anchor href={breakdownCsvUrl(dimension, range)} download data-testid="report-csv">
          {t("admin.downloadCsv")}
        </Anchor>
      </Group>
      {breakdown.isPending ? (
        <Loading />
      ) : breakdown.isError ? (
        <ErrorState error={breakdown.error} onRetry={() => breakdown.refetch()} />
      ) : breakdown.data.rows.length === 0 ? (
        <Text c="dimmed">{t("admin.noRows")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped aria-label={label}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t(`admin.dimension.${dimension}`)}</Table.Th>
                {(["shares", "unique", "human", "bot", "reach", "conversions"] as const).map(
                  (column) => (
                    <Table.Th key={column} scope="col" ta="right">
                      {t(`admin.reports.column.${column}`)}
                    </Table.Th>
                  ),
                )}
                {dimension === "channel" && (
                  <Table.Th scope="col" ta="right">
                    {t("admin.reports.column.emv")}
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {breakdown.data.rows.map((row) => (
                <Table.Tr key={row.key} data-testid={`report-row-${row.key}`}>
                  <Table.Td>{row.label}</Table.Td>
                  <Table.Td ta="right">{format.number(row.counts.sharesConfirmed)}</Table.Td>
                  <Table.Td ta="right" data-testid="unique">
                    {format.number(row.counts.uniqueClicks)}
                  </Table.Td>
                  <Table.Td ta="right">{format.number(row.counts.humanClicks)}</Table.Td>
                  <Table.Td ta="right">{format.number(row.counts.botClicks)}</Table.Td>
                  <Table.Td ta="right">{format.number(row.counts.potentialReach)}</Table.Td>
                  <Table.Td ta="right">{format.number(row.counts.conversions ?? 0)}</Table.Td>
                  {dimension === "channel" && <Table.Td ta="right">{money(row.emv ?? 0)}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {breakdown.data?.note && (
        <Text size="xs" c="dimmed" mt="xs">
          {breakdown.data.note}
        </Text>
      )}
    </Paper>
  );
}
