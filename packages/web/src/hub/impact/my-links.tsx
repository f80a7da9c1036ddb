import { Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";
import { ErrorState, Loading } from "../../ui/states";
import { Queries } from "../queries";
import { useChannelName } from "../share/channel-names";

/** My links, newest first, with each class of click: the counting method, made visible. */
export function MyLinks() {
  const { t } = useTranslation();
  const format = useFormat();
  const channelName = useChannelName();
  const links = useQuery(Queries.myLinks);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h5">
        {t("impact.myLinks")}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t("impact.classesExplain")}
      </Text>
      {links.isPending ? (
        <Loading />
      ) : links.isError ? (
        <ErrorState error={links.error} onRetry={() => links.refetch()} />
      ) : links.data.links.length === 0 ? (
        <Text size="sm">{t("impact.noLinks")}</Text>
      ) : (
        <Stack gap="md">
          {links.data.links.map((link) => (
            <div key={link.code}>
              <Text fw={600} size="sm">
                {link.title ?? t("impact.removedItem")}
              </Text>
              <Text size="xs" c="dimmed">
                {channelName(link.channel)} ·{" "}
                {link.confirmed ? t("impact.confirmed") : t("impact.notConfirmed")}
              </Text>
              <Table fz="xs" mt={4} withTableBorder={false} verticalSpacing={2}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("impact.unique")}</Table.Th>
                    <Table.Th>{t("impact.human")}</Table.Th>
                    <Table.Th>{t("impact.bots")}</Table.Th>
                    <Table.Th>{t("impact.self")}</Table.Th>
                    <Table.Th>{t("impact.internal")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Td data-testid={`unique-${link.code}`}>
                      {format.number(link.counts.uniqueClicks)}
                    </Table.Td>
                    <Table.Td>{format.number(link.counts.humanClicks)}</Table.Td>
                    <Table.Td>{format.number(link.counts.botClicks)}</Table.Td>
                    <Table.Td>{format.number(link.counts.selfClicks)}</Table.Td>
                    <Table.Td>{format.number(link.counts.internalClicks)}</Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
