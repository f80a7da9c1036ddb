import { Anchor, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";
import { Empty, ErrorState, Loading } from "../../ui/states";
import { Queries } from "../queries";

type Period = "week" | "month" | "all";

/** Named members only; everyone else as "and N more"; my own place, to me alone. */
export function LeaderboardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [period, setPeriod] = useState<Period>("week");
  const board = useQuery(Queries.leaderboard(period));
  return (
    <Stack gap="md">
      <Title order={1} size="h3">
        {t("board.title")}
      </Title>
      <SegmentedControl
        value={period}
        onChange={(value) => setPeriod(value as Period)}
        aria-label={t("board.period")}
        data={[
          { value: "week", label: t("board.week") },
          { value: "month", label: t("board.month") },
          { value: "all", label: t("board.all") },
        ]}
        fullWidth
      />
      {board.isPending ? (
        <Loading />
      ) : board.isError ? (
        <ErrorState error={board.error} onRetry={() => board.refetch()} />
      ) : (
        <>
          <Paper withBorder p="md" bg="blue.0" aria-label={t("board.myPlace")} component="section">
            <Text size="sm" c="dimmed">
              {t("board.myPlace")}
            </Text>
            <Group justify="space-between">
              <Text fw={700} size="lg">
                {board.data.me.rank === null
                  ? t("board.noRank")
                  : t("board.rank", { rank: board.data.me.rank })}
              </Text>
              <Text fw={700}>{t("board.points", { count: board.data.me.points })}</Text>
            </Group>
            <Text size="xs" c="dimmed">
              {board.data.me.named ? t("board.youAreNamed") : t("board.youAreHidden")}{" "}
              <Anchor component={Link} to="/me" hash="privacy" size="xs">
                {t("board.change")}
              </Anchor>
            </Text>
          </Paper>
          {board.data.entries.length === 0 && board.data.others.count === 0 ? (
            <Empty title={t("board.emptyTitle")}>
              <Text c="dimmed">{t("board.emptyText")}</Text>
            </Empty>
          ) : (
            <Table striped aria-label={t("board.title")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("board.rankColumn")}</Table.Th>
                  <Table.Th scope="col">{t("board.nameColumn")}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("board.pointsColumn")}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {board.data.entries.map((entry) => (
                  <Table.Tr
                    key={`${entry.rank}-${entry.displayName}`}
                    fw={entry.you ? 700 : undefined}
                  >
                    <Table.Td>{entry.rank}</Table.Td>
                    <Table.Td>
                      {entry.displayName}
                      {entry.you ? ` (${t("board.you")})` : ""}
                    </Table.Td>
                    <Table.Td ta="right">{format.number(entry.points)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {board.data.others.count > 0 && (
            <Text size="sm" c="dimmed">
              {t("board.others", {
                count: board.data.others.count,
                points: format.number(board.data.others.points),
              })}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
