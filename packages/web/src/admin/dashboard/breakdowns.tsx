import { Anchor, Group, Paper, SegmentedControl, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";
import { ErrorState, Loading } from "../../ui/states";
import {
  AdminQueries,
  breakdownCsvUrl,
  DIMENSIONS,
  type Dimension,
  type Range,
} from "../admin-queries";
import { useMoney } from "./use-money";

/** The period by channel, content, campaign, topic or segment, with the same table as CSV. */
export function Breakdowns({ range, currency }: { range: Range; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(currency);
  const [dimension, setDimension] = useState<Dimension>("channel");
  const breakdown = useQuery(AdminQueries.breakdown(dimension, range));
  const withEmv = dimension === "channel";
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
        <Table.ScrollContainer minWidth={560}>
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
                <Table.Th scope="col" ta="right">
                  {t("admin.tile.reach")}
                </Table.Th>
                {withEmv && (
                  <Table.Th scope="col" ta="right">
                    {t("admin.tile.emv")}
                  </Table.Th>
                )}
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
                  <Table.Td ta="right">{format.number(row.counts.potentialReach)}</Table.Td>
                  {withEmv && (
                    <Table.Td ta="right" data-testid={`row-${row.key}-emv`}>
                      {money(row.emv ?? 0)}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group justify="space-between" mt="xs">
        <Text size="xs" c="dimmed">
          {breakdown.data?.note}
        </Text>
        {breakdown.data && (
          <Text size="xs" c="dimmed">
            {t("admin.asOfShort", {
              time: new Date(breakdown.data.freshness.asOf).toLocaleTimeString(),
            })}
          </Text>
        )}
      </Group>
    </Paper>
  );
}
