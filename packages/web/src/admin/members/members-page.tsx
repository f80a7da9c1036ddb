import {
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { useDebouncedValue, useDisclosure } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";
import { Empty, ErrorState, Loading } from "../../ui/states";
import { ROLES } from "../admin-places";
import { BarChart } from "../bar-chart";
import { PageHeader } from "../ui/page-header";
import { CsvInviteDialog, InviteDialog } from "./invite-dialogs";
import { MemberDrawer } from "./member-drawer";
import { type MemberFilter, MemberQueries, type MemberRow, nameOf } from "./members-queries";

const STATUSES = ["invited", "active", "deactivated"] as const;
type Sort = "name" | "joined" | "role";

const compare: Record<Sort, (a: MemberRow, b: MemberRow) => number> = {
  name: (a, b) => nameOf(a).localeCompare(nameOf(b)),
  joined: (a, b) =>
    (b.joinedAt ?? b.invitedAt ?? "").localeCompare(a.joinedAt ?? a.invitedAt ?? ""),
  role: (a, b) =>
    ROLES.indexOf(b.role) - ROLES.indexOf(a.role) || nameOf(a).localeCompare(nameOf(b)),
};

/** The members: searched and filtered on the server, sorted here; invite one or many. */
export function MembersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [inviting, invite] = useDisclosure(false);
  const [importing, importer] = useDisclosure(false);
  const [q, setQ] = useState("");
  const [search] = useDebouncedValue(q.trim(), 300);
  const [filter, setFilter] = useState<Omit<MemberFilter, "q" | "limit" | "cursor">>({});
  const [sort, setSort] = useState<Sort>("name");
  const [open, setOpen] = useState<MemberRow | undefined>();
  const members = useQuery(
    MemberQueries.list({ ...filter, ...(search && { q: search }), limit: 100 }),
  );
  const rows = [...(members.data?.members ?? [])].sort(compare[sort]);
  const choose =
    <K extends keyof typeof filter>(key: K) =>
    (value: string | null) =>
      setFilter(({ [key]: _, ...rest }) => ({ ...rest, ...(value && { [key]: value }) }));
  return (
    <Stack gap="lg">
      <PageHeader
        title={t("admin.members.title")}
        description={t("admin.members.intro")}
        actions={
          <>
            <Button variant="default" onClick={importer.open}>
              {t("admin.members.inviteCsv")}
            </Button>
            <Button onClick={invite.open}>{t("admin.members.invite")}</Button>
          </>
        }
      />
      <MemberCounts />
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={t("admin.members.search")}
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
          w={240}
        />
        <Select
          label={t("admin.members.role")}
          placeholder={t("admin.any")}
          clearable
          value={filter.role ?? null}
          onChange={choose("role")}
          data={ROLES.map((value) => ({ value, label: t(`admin.role.${value}`) }))}
          w={160}
        />
        <Select
          label={t("admin.members.status.label")}
          placeholder={t("admin.any")}
          clearable
          value={filter.status ?? null}
          onChange={choose("status")}
          data={STATUSES.map((value) => ({ value, label: t(`admin.members.status.${value}`) }))}
          w={160}
        />
        <TextInput
          label={t("admin.members.office")}
          value={filter.office ?? ""}
          onChange={(event) => choose("office")(event.currentTarget.value.trim() || null)}
          w={150}
        />
        <TextInput
          label={t("admin.members.unit")}
          value={filter.unit ?? ""}
          onChange={(event) => choose("unit")(event.currentTarget.value.trim() || null)}
          w={150}
        />
        <Select
          label={t("admin.members.sortBy")}
          value={sort}
          onChange={(value) => value && setSort(value as Sort)}
          data={(["name", "joined", "role"] as const).map((value) => ({
            value,
            label: t(`admin.members.sort.${value}`),
          }))}
          allowDeselect={false}
          w={150}
        />
      </Group>
      {members.isPending ? (
        <Loading />
      ) : members.isError ? (
        <ErrorState error={members.error} onRetry={() => members.refetch()} />
      ) : rows.length === 0 ? (
        <Empty title={t("admin.members.empty")}>
          <Button onClick={invite.open}>{t("admin.members.invite")}</Button>
        </Empty>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover aria-label={t("admin.members.title")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("admin.members.column.name")}</Table.Th>
                <Table.Th scope="col">{t("admin.members.column.email")}</Table.Th>
                <Table.Th scope="col">{t("admin.members.column.role")}</Table.Th>
                <Table.Th scope="col">{t("admin.members.column.segment")}</Table.Th>
                <Table.Th scope="col">{t("admin.members.column.status")}</Table.Th>
                <Table.Th scope="col">{t("admin.members.column.joined")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((member) => (
                <Table.Tr key={member.memberId} data-testid={`member-${member.email}`}>
                  <Table.Td>
                    <UnstyledButton
                      onClick={() => setOpen(member)}
                      td="underline"
                      aria-label={t("admin.members.manage", { name: nameOf(member) })}
                    >
                      {nameOf(member)}
                    </UnstyledButton>
                  </Table.Td>
                  <Table.Td>{member.email}</Table.Td>
                  <Table.Td>{t(`admin.role.${member.role}`)}</Table.Td>
                  <Table.Td>{Object.values(member.segment).filter(Boolean).join(" · ")}</Table.Td>
                  <Table.Td>
                    <Badge variant={member.status === "active" ? "filled" : "outline"} color="dark">
                      {t(`admin.members.status.${member.status as (typeof STATUSES)[number]}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {member.joinedAt ? format.day(member.joinedAt.slice(0, 10)) : "—"}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <InviteDialog opened={inviting} onClose={invite.close} />
      <CsvInviteDialog opened={importing} onClose={importer.close} />
      <MemberDrawer member={open} onClose={() => setOpen(undefined)} />
    </Stack>
  );
}

/** Active members per day over 30 days, and today's totals (numbers, never names). */
function MemberCounts() {
  const { t } = useTranslation();
  const format = useFormat();
  const counts = useQuery(MemberQueries.counts());
  const days = counts.data?.days ?? [];
  const today = days[days.length - 1];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="member-counts">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="member-counts">
          {t("admin.members.counts")}
        </Title>
        {today && (
          <Text size="sm" data-testid="member-totals">
            {t("admin.members.totals", { active: today.active, invited: today.invited })}
          </Text>
        )}
      </Group>
      {counts.isPending ? (
        <Loading />
      ) : counts.isError ? (
        <ErrorState error={counts.error} onRetry={() => counts.refetch()} />
      ) : (
        <BarChart
          label={t("admin.members.countsLabel")}
          format={format.number}
          points={days.map((day) => ({ label: format.day(day.day), value: day.active }))}
        />
      )}
    </Paper>
  );
}
