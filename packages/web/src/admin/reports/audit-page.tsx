import { Anchor, Button, Code, Group, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call } from "../../api";
import { Empty, ErrorState, Loading } from "../../ui/states";
import { csvHref, csvLine } from "../members/csv-report";
import { MemberQueries, nameOf } from "../members/members-queries";
import { PageHeader } from "../ui/page-header";

/** The audit log (owners): newest first, filtered by action, person and days; as CSV too. */
export function AuditPage() {
  const { t } = useTranslation();
  const [action, setAction] = useState<string | null>(null);
  const [actor, setActor] = useState<string | null>(null);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const pages = useInfiniteQuery({
    queryKey: ["admin", "audit"],
    queryFn: ({ pageParam }) =>
      call(
        api.GET("/api/admin/audit", {
          params: { query: { limit: 100, ...(pageParam && { cursor: pageParam }) } },
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (last) => last.cursor ?? undefined,
  });
  const members = useQuery(MemberQueries.list({ limit: 100 }));
  const names = new Map(
    (members.data?.members ?? []).map((member) => [member.memberId, nameOf(member)]),
  );
  const who = (memberId: string | undefined) =>
    memberId === undefined
      ? ""
      : (names.get(memberId) ??
        (memberId === "system" ? "Sprida" : t("admin.reports.audit.someone")));
  const entries = (pages.data?.pages.flatMap((page) => page.entries) ?? []).filter(
    (entry) =>
      (!action || entry.action === action) &&
      (!actor || entry.actorMemberId === actor) &&
      (!from || entry.at.slice(0, 10) >= from) &&
      (!to || entry.at.slice(0, 10) <= to),
  );
  const actions = [
    ...new Set(
      pages.data?.pages.flatMap((page) => page.entries.map((entry) => entry.action)) ?? [],
    ),
  ].sort();
  const actors = [
    ...new Set(
      pages.data?.pages.flatMap((page) => page.entries.map((entry) => entry.actorMemberId)) ?? [],
    ),
  ];
  const csv = [
    csvLine(["at", "action", "actor", "target", "details"]),
    ...entries.map((entry) =>
      csvLine([
        entry.at,
        entry.action,
        who(entry.actorMemberId),
        who(entry.targetMemberId),
        JSON.stringify(entry.details),
      ]),
    ),
  ].join("\r\n");
  return (
    <Stack gap="lg">
      <PageHeader
        title={t("admin.reports.audit.title")}
        description={t("admin.reports.audit.intro")}
        actions={
          <Anchor href={csvHref(`${csv}\r\n`)} download="sprida-audit.csv">
            {t("admin.downloadCsv")}
          </Anchor>
        }
      />
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t("admin.reports.audit.action")}
          placeholder={t("admin.any")}
          clearable
          searchable
          value={action}
          onChange={setAction}
          data={actions}
          w={260}
        />
        <Select
          label={t("admin.reports.audit.actor")}
          placeholder={t("admin.any")}
          clearable
          value={actor}
          onChange={setActor}
          data={actors.map((id) => ({ value: id, label: who(id) || id }))}
          w={220}
        />
        <TextInput
          type="date"
          label={t("admin.reports.audit.from")}
          value={from}
          onChange={(event) => setFrom(event.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t("admin.reports.audit.to")}
          value={to}
          onChange={(event) => setTo(event.currentTarget.value)}
        />
      </Group>
      {pages.isPending ? (
        <Loading />
      ) : pages.isError ? (
        <ErrorState error={pages.error} onRetry={() => pages.refetch()} />
      ) : entries.length === 0 ? (
        <Empty title={t("admin.reports.audit.empty")} />
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped aria-label={t("admin.reports.audit.title")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("admin.reports.audit.column.time")}</Table.Th>
                <Table.Th scope="col">{t("admin.reports.audit.column.action")}</Table.Th>
                <Table.Th scope="col">{t("admin.reports.audit.column.actor")}</Table.Th>
                <Table.Th scope="col">{t("admin.reports.audit.column.target")}</Table.Th>
                <Table.Th scope="col">{t("admin.reports.audit.details")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr
                  key={`${entry.at}-${entry.action}-${entry.actorMemberId}`}
                  data-testid={`audit-${entry.action}`}
                >
                  <Table.Td>{new Date(entry.at).toLocaleString()}</Table.Td>
                  <Table.Td>
                    <Code>{entry.action}</Code>
                  </Table.Td>
                  <Table.Td>{who(entry.actorMemberId)}</Table.Td>
                  <Table.Td>{who(entry.targetMemberId)}</Table.Td>
                  <Table.Td>
                    <details>
                      <summary>
                        <Text span size="sm">
                          {t("admin.reports.audit.details")}
                        </Text>
                      </summary>
                      <Code block>{JSON.stringify(entry.details, null, 2)}</Code>
                    </details>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pages.hasNextPage && (
        <Button
          variant="default"
          w="fit-content"
          onClick={() => pages.fetchNextPage()}
          loading={pages.isFetchingNextPage}
        >
          {t("admin.action.loadMore")}
        </Button>
      )}
    </Stack>
  );
}
