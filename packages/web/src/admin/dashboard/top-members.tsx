import { Paper, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";
import { ErrorState, Loading } from "../../ui/states";
import { AdminQueries, type Range } from "../admin-queries";

const SHOWN = 5;

/** The named members with the most unique human clicks (only those who chose to be named). */
export function TopMembers({ range }: { range: Range }) {
  const { t } = useTranslation();
  const format = useFormat();
  const members = useQuery(AdminQueries.breakdown("member", range));
  const rows =
    members.data?.rows.filter((row) => row.counts.uniqueClicks > 0).slice(0, SHOWN) ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="top-members">
      <Title order={2} size="h4" id="top-members" mb="sm">
        {t("admin.topMembers")}
      </Title>
      {members.isPending ? (
        <Loading />
      ) : members.isError ? (
        <ErrorState error={members.error} onRetry={() => members.refetch()} />
      ) : rows.length === 0 ? (
        <Text c="dimmed">{t("admin.noNamedMembers")}</Text>
      ) : (
        <Table aria-labelledby="top-members">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("admin.member")}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t("admin.tile.shares")}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t("admin.tile.unique")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.key}>
                <Table.Td>{row.label}</Table.Td>
                <Table.Td ta="right">{format.number(row.counts.sharesConfirmed)}</Table.Td>
                <Table.Td ta="right">{format.number(row.counts.uniqueClicks)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text size="xs" c="dimmed" mt="xs">
        {t("admin.topMembersNote")}
      </Text>
    </Paper>
  );
}
