import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from "@mantine/core";
import { OrganisationPatch } from "@sprida/core/schemas/org/org";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call } from "../../api";
import type { paths } from "../../api/api-types";
import { intlLocale, useFormat } from "../../i18n/format";
import { ErrorState, Loading } from "../../ui/states";
import { SETTINGS_KEY } from "../settings/settings-queries";
import { useAdminMutation } from "../ui/admin-mutation";
import { messageFor, useFieldChecks } from "../ui/form-check";
import { PageHeader } from "../ui/page-header";
import { mondayOf, sundayOf, weeksEndingWith } from "./iso-weeks";

type Overview =
  paths["/api/admin/mail/overview"]["get"]["responses"][200]["content"]["application/json"];
type Kind = "admin-report" | "digest";
type Language = "sv" | "en";
const KEY = ["admin", "mail"];
const PREVIEW_WEEKS = 8;

/** The weekly e-mails: when they go, to whom and how the last went, a preview and a test. */
export function MailPage() {
  const { t } = useTranslation();
  const overview = useQuery({
    queryKey: [...KEY, "overview"],
    queryFn: () => call(api.GET("/api/admin/mail/overview")),
  });
  return (
    <Stack gap="lg">
      <PageHeader title={t("admin.mail.title")} description={t("admin.mail.intro")} />
      {overview.isPending ? (
        <Loading />
      ) : overview.isError ? (
        <ErrorState error={overview.error} onRetry={() => overview.refetch()} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <ScheduleCard key={overview.dataUpdatedAt} schedule={overview.data.schedule} />
            <DeliveryCard overview={overview.data} />
          </SimpleGrid>
          <PreviewCard lastFinishedWeek={overview.data.lastFinishedWeek} />
        </>
      )}
    </Stack>
  );
}

function useWeekdays() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(intlLocale(i18n.language), { weekday: "long" });
  // 2026-11-30 is a Monday: ISO weekday 1 is its day, 7 the Sunday after.
  return Array.from({ length: 7 }, (_, index) => ({
    value: String(index + 1),
    label: format.format(new Date(Date.UTC(2026, 10, 30 + index, 12))),
  }));
}

function ScheduleCard({ schedule }: { schedule: Overview["schedule"] }) {
  const { t } = useTranslation();
  const weekdays = useWeekdays();
  const [weekday, setWeekday] = useState(String(schedule.weekday));
  const [hour, setHour] = useState(String(schedule.hour));
  const { errors, passes } = useFieldChecks();
  const patch = () => ({
    settings: { weeklyMail: { weekday: Number(weekday), hour: Number(hour) } },
  });
  const save = useAdminMutation({
    mutationFn: () => call(api.PATCH("/api/admin/organisation", { body: patch() })),
    invalidate: [KEY, SETTINGS_KEY],
    quiet: true,
  });
  const hours = Array.from({ length: 24 }, (_, h) => ({
    value: String(h),
    label: `${String(h).padStart(2, "0")}:00`,
  }));
  const dayName = weekdays[schedule.weekday - 1]?.label ?? "";
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="mail-schedule">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (passes(OrganisationPatch, patch())) save.mutate(undefined);
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4" id="mail-schedule">
            {t("admin.mail.schedule")}
          </Title>
          <Text size="sm" data-testid="mail-schedule">
            {t("admin.mail.scheduleNow", {
              day: dayName,
              hour: `${String(schedule.hour).padStart(2, "0")}:00`,
              timeZone: schedule.timeZone,
            })}
          </Text>
          <Group grow align="flex-start">
            <Select
              label={t("admin.mail.weekday")}
              data={weekdays}
              value={weekday}
              onChange={(value) => value && setWeekday(value)}
              allowDeselect={false}
              error={messageFor("settings.weeklyMail.weekday", errors, save.error)}
            />
            <Select
              label={t("admin.mail.hour")}
              data={hours}
              value={hour}
              onChange={(value) => value && setHour(value)}
              allowDeselect={false}
              error={messageFor("settings.weeklyMail.hour", errors, save.error)}
            />
          </Group>
          <Text size="xs" c="dimmed">
            {t("admin.mail.scheduleExplain")}
          </Text>
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t("admin.mail.saveSchedule")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function DeliveryCard({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="mail-delivery">
      <Stack gap="sm">
        <Title order={2} size="h4" id="mail-delivery">
          {t("admin.mail.delivery")}
        </Title>
        <SimpleGrid cols={3}>
          <Figure
            label={t("admin.mail.kind.admin-report")}
            value={format.number(overview.recipients.adminReport)}
          />
          <Figure
            label={t("admin.mail.kind.digest")}
            value={format.number(overview.recipients.digest)}
          />
          <Figure label={t("admin.mail.suppressed")} value={format.number(overview.suppressed)} />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t("admin.mail.recipientsExplain")} {t("admin.mail.suppressedExplain")}
        </Text>
        {overview.sends.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("admin.mail.noSends")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={420}>
            <Table striped>
              <Table.Caption>{t("admin.mail.sendsCaption")}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("admin.mail.week")}</Table.Th>
                  <Table.Th scope="col">{t("admin.mail.kindLabel")}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("admin.mail.state.sent")}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("admin.mail.state.skipped")}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("admin.mail.state.failed")}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("admin.mail.state.pending")}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {overview.sends.map((send) => (
                  <Table.Tr key={`${send.week}-${send.kind}`}>
                    <Table.Td>{send.week}</Table.Td>
                    <Table.Td>{t(`admin.mail.kind.${send.kind}`)}</Table.Td>
                    <Table.Td ta="right">{format.number(send.sent)}</Table.Td>
                    <Table.Td ta="right">{format.number(send.skipped)}</Table.Td>
                    <Table.Td ta="right">
                      {send.failed > 0 ? <Badge color="red.8">{send.failed}</Badge> : 0}
                    </Table.Td>
                    <Table.Td ta="right">{format.number(send.pending)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Stack>
  );
}

function PreviewCard({ lastFinishedWeek }: { lastFinishedWeek: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [kind, setKind] = useState<Kind>("admin-report");
  const [week, setWeek] = useState(lastFinishedWeek);
  const [language, setLanguage] = useState<Language>(i18n.language === "en" ? "en" : "sv");
  const [width, setWidth] = useState("640");
  const query = { kind, week, language };
  const preview = useQuery({
    queryKey: [...KEY, "preview", query],
    queryFn: () => call(api.GET("/api/admin/mail/preview", { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const test = useAdminMutation({
    mutationFn: () => call(api.POST("/api/admin/mail/test", { body: query })),
    success: t("admin.mail.testSent"),
  });
  const weeks = weeksEndingWith(lastFinishedWeek, PREVIEW_WEEKS).map((id) => ({
    value: id,
    label: `${id.slice(6).replace(/^0/, "")} · ${format.date(`${mondayOf(id)}T12:00:00Z`)} – ${format.day(sundayOf(id))}`,
  }));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="mail-preview">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h4" id="mail-preview">
            {t("admin.mail.preview")}
          </Title>
          <Button variant="light" onClick={() => test.mutate(undefined)} loading={test.isPending}>
            {t("admin.mail.sendTest")}
          </Button>
        </Group>
        <Group align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="mail-kind">
              {t("admin.mail.kindLabel")}
            </Text>
            <SegmentedControl
              aria-labelledby="mail-kind"
              value={kind}
              onChange={(value) => setKind(value as Kind)}
              data={[
                { value: "admin-report", label: t("admin.mail.kind.admin-report") },
                { value: "digest", label: t("admin.mail.kind.digest") },
              ]}
            />
          </Stack>
          <Select
            label={t("admin.mail.week")}
            data={weeks}
            value={week}
            onChange={(value) => value && setWeek(value)}
            allowDeselect={false}
            w={280}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="mail-language">
              {t("admin.mail.language")}
            </Text>
            <SegmentedControl
              aria-labelledby="mail-language"
              value={language}
              onChange={(value) => setLanguage(value as Language)}
              data={[
                { value: "sv", label: "Svenska" },
                { value: "en", label: "English" },
              ]}
            />
          </Stack>
        </Group>
        {test.data && (
          <Alert color="green" variant="light">
            {t("admin.mail.testSentTo", { address: test.data.sentTo })}
          </Alert>
        )}
        {preview.isPending ? (
          <Loading />
        ) : preview.isError ? (
          <ErrorState error={preview.error} onRetry={() => preview.refetch()} />
        ) : (
          <Stack
            gap="sm"
            aria-busy={preview.isFetching}
            style={{ opacity: preview.isFetching ? 0.6 : 1 }}
          >
            {!preview.data.wouldSend && (
              <Alert color="yellow" variant="light">
                {t("admin.mail.wouldNotSend")}
              </Alert>
            )}
            <Text size="sm">
              <Text span fw={600}>
                {t("admin.mail.subject")}:
              </Text>{" "}
              <span data-testid="mail-subject">{preview.data.subject}</span>
            </Text>
            <Tabs defaultValue="html">
              <Tabs.List>
                <Tabs.Tab value="html">{t("admin.mail.html")}</Tabs.Tab>
                <Tabs.Tab value="text">{t("admin.mail.text")}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="html" pt="sm">
                <Stack gap="xs">
                  <SegmentedControl
                    aria-label={t("admin.mail.width")}
                    value={width}
                    onChange={setWidth}
                    data={[
                      { value: "390", label: t("admin.mail.phone") },
                      { value: "640", label: t("admin.mail.desktop") },
                    ]}
                    w="fit-content"
                  />
                  <Box
                    component="iframe"
                    title={t("admin.mail.frameTitle", { subject: preview.data.subject })}
                    sandbox=""
                    srcDoc={preview.data.html}
                    w={Number(width)}
                    maw="100%"
                    h={720}
                    style={{ border: "1px solid var(--mantine-color-gray-4)", borderRadius: 4 }}
                  />
                </Stack>
              </Tabs.Panel>
              <Tabs.Panel value="text" pt="sm">
                <Box
                  component="pre"
                  p="sm"
                  style={{
                    whiteSpace: "pre-wrap",
                    background: "var(--mantine-color-gray-0)",
                    maxHeight: 720,
                    overflow: "auto",
                  }}
                >
                  {preview.data.text}
                </Box>
              </Tabs.Panel>
            </Tabs>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
