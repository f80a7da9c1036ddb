import {
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { CampaignInput, CampaignPatch } from "@sprida/core/schemas/campaign/campaign";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call } from "../../api";
import type { paths } from "../../api/api-types";
import { useFormat } from "../../i18n/format";
import { Empty, ErrorState, Loading } from "../../ui/states";
import { BarChart } from "../bar-chart";
import { localToday } from "../dashboard/period";
import { useRatios } from "../dashboard/use-money";
import { AdminModal } from "../ui/admin-modal";
import { useAdminMutation } from "../ui/admin-mutation";
import { messageFor, useFieldChecks } from "../ui/form-check";
import { PageHeader } from "../ui/page-header";

type Campaign =
  paths["/api/admin/campaigns"]["get"]["responses"][200]["content"]["application/json"]["campaigns"][number];
type GoalKind = Campaign["goal"]["kind"];
const KEY = ["admin", "campaigns"];

const statusOf = (campaign: Campaign, today: string) =>
  today < campaign.startDay ? "upcoming" : today > campaign.endDay ? "ended" : "running";

/** Campaigns: each with its period, goal and progress (and over time); create and edit. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const [creating, create] = useDisclosure(false);
  const [editing, setEditing] = useState<Campaign | undefined>();
  const campaigns = useQuery({
    queryKey: KEY,
    queryFn: () => call(api.GET("/api/admin/campaigns")),
  });
  const today = localToday();
  const sorted = [...(campaigns.data?.campaigns ?? [])].sort((a, b) =>
    b.startDay.localeCompare(a.startDay),
  );
  return (
    <Stack gap="lg">
      <PageHeader
        title={t("admin.campaigns.title")}
        description={t("admin.campaigns.intro")}
        actions={<Button onClick={create.open}>{t("admin.campaigns.add")}</Button>}
      />
      {campaigns.isPending ? (
        <Loading />
      ) : campaigns.isError ? (
        <ErrorState error={campaigns.error} onRetry={() => campaigns.refetch()} />
      ) : sorted.length === 0 ? (
        <Empty title={t("admin.campaigns.empty")}>
          <Button onClick={create.open}>{t("admin.campaigns.add")}</Button>
        </Empty>
      ) : (
        sorted.map((campaign) => (
          <CampaignCard
            key={campaign.campaignId}
            campaign={campaign}
            status={statusOf(campaign, today)}
            onEdit={() => setEditing(campaign)}
          />
        ))
      )}
      <CampaignDialog opened={creating} onClose={create.close} />
      <CampaignDialog
        opened={editing !== undefined}
        campaign={editing}
        onClose={() => setEditing(undefined)}
        key={editing?.campaignId ?? "new"}
      />
    </Stack>
  );
}

function CampaignCard({
  campaign,
  status,
  onEdit,
}: {
  campaign: Campaign;
  status: "upcoming" | "running" | "ended";
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { percent } = useRatios();
  const [showing, progress] = useDisclosure(false);
  // The list carries no progress; each started campaign reads its own.
  const detail = useQuery({
    queryKey: [...KEY, campaign.campaignId],
    queryFn: () =>
      call(
        api.GET("/api/admin/campaigns/{campaignId}", {
          params: { path: { campaignId: campaign.campaignId } },
        }),
      ),
    enabled: status !== "upcoming",
  });
  const reached = detail.data?.progress;
  const done = reached
    ? campaign.goal.kind === "confirmed_shares"
      ? reached.confirmedShares
      : reached.uniqueClicks
    : undefined;
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby={`campaign-${campaign.campaignId}`}
      data-testid={`campaign-${campaign.name}`}
    >
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={2} size="h4" id={`campaign-${campaign.campaignId}`}>
              {campaign.name}
            </Title>
            <Badge variant={status === "running" ? "filled" : "outline"} color="dark">
              {t(`admin.campaigns.status.${status}`)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t("admin.campaigns.period", {
              from: format.day(campaign.startDay),
              to: format.day(campaign.endDay),
            })}{" "}
            · {t(`admin.campaigns.goal.${campaign.goal.kind}`)}{" "}
            {format.number(campaign.goal.target)}
          </Text>
        </Stack>
        <Group gap="xs">
          {status !== "upcoming" && (
            <Button size="xs" variant="default" onClick={progress.toggle} aria-expanded={showing}>
              {showing ? t("admin.campaigns.hideProgress") : t("admin.campaigns.showProgress")}
            </Button>
          )}
          <Button size="xs" variant="default" onClick={onEdit}>
            {t("admin.campaigns.edit")}
          </Button>
        </Group>
      </Group>
      {done !== undefined && (
        <Stack gap={4} mt="sm">
          <Progress
            value={Math.min(100, (done / campaign.goal.target) * 100)}
            aria-label={t(`admin.campaigns.goal.${campaign.goal.kind}`)}
          />
          <Text size="sm" data-testid="campaign-progress">
            {t("admin.campaigns.progress", {
              done: format.number(done),
              target: format.number(campaign.goal.target),
              percent: percent(done / campaign.goal.target),
            })}
          </Text>
        </Stack>
      )}
      {showing && <ProgressOverTime campaign={campaign} />}
    </Paper>
  );
}

function ProgressOverTime({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const format = useFormat();
  const today = localToday();
  // Up to its last day, or today while it runs (days as YYYY-MM-DD sort as dates).
  const to = [campaign.endDay, today].sort()[0] ?? today;
  const series = useQuery({
    queryKey: ["admin", "series", "campaign", campaign.campaignId, to],
    queryFn: () =>
      call(
        api.GET("/api/admin/reports/series", {
          params: {
            query: {
              from: campaign.startDay,
              to,
              granularity: "day",
              campaign: campaign.campaignId,
            },
          },
        }),
      ),
  });
  if (series.isPending) return <Loading />;
  if (series.isError) return <ErrorState error={series.error} onRetry={() => series.refetch()} />;
  const goal = t(`admin.campaigns.goal.${campaign.goal.kind}`);
  const values = series.data.points.map((point) =>
    campaign.goal.kind === "confirmed_shares"
      ? point.counts.sharesConfirmed
      : point.counts.uniqueClicks,
  );
  if (values.every((value) => value === 0)) {
    return (
      <Text size="sm" c="dimmed" mt="sm">
        {t("admin.campaigns.noProgress", { goal: goal.toLowerCase() })}
      </Text>
    );
  }
  return (
    <Stack mt="sm">
      <BarChart
        label={t("admin.campaigns.progressLabel", { goal, name: campaign.name })}
        format={format.number}
        points={series.data.points.map((point, index) => ({
          label: format.day(point.from),
          value: values[index] ?? 0,
        }))}
      />
    </Stack>
  );
}

function CampaignDialog({
  opened,
  onClose,
  campaign,
}: {
  opened: boolean;
  onClose: () => void;
  campaign?: Campaign;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(campaign?.name ?? "");
  const [startDay, setStartDay] = useState(campaign?.startDay ?? localToday());
  const [endDay, setEndDay] = useState(campaign?.endDay ?? "");
  const [kind, setKind] = useState<GoalKind>(campaign?.goal.kind ?? "confirmed_shares");
  const [target, setTarget] = useState<number | string>(campaign?.goal.target ?? 50);
  const { errors, passes } = useFieldChecks();
  const body = () => ({ name, startDay, endDay, goal: { kind, target: Number(target) } });
  const save = useAdminMutation({
    mutationFn: () =>
      campaign
        ? call(
            api.PATCH("/api/admin/campaigns/{campaignId}", {
              params: { path: { campaignId: campaign.campaignId } },
              body: body(),
            }),
          )
        : call(api.POST("/api/admin/campaigns", { body: body() })),
    invalidate: [KEY],
    success: campaign ? undefined : t("admin.campaigns.created"),
    quiet: true,
    onDone: onClose,
  });
  const errorFor = (path: string) => messageFor(path, errors, save.error);
  return (
    <AdminModal
      opened={opened}
      onClose={onClose}
      title={
        campaign
          ? t("admin.campaigns.editTitle", { name: campaign.name })
          : t("admin.campaigns.newTitle")
      }
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (passes(campaign ? CampaignPatch : CampaignInput, body())) save.mutate(undefined);
        }}
      >
        <Stack>
          <TextInput
            label={t("admin.campaigns.name")}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errorFor("name")}
            data-autofocus
          />
          <SimpleGrid cols={2}>
            <TextInput
              type="date"
              label={t("admin.campaigns.startDay")}
              value={startDay}
              onChange={(event) => setStartDay(event.currentTarget.value)}
              error={errorFor("startDay")}
            />
            <TextInput
              type="date"
              label={t("admin.campaigns.endDay")}
              value={endDay}
              onChange={(event) => setEndDay(event.currentTarget.value)}
              error={errorFor("endDay")}
            />
            <Select
              label={t("admin.campaigns.goalKind")}
              value={kind}
              onChange={(value) => value && setKind(value as GoalKind)}
              data={(["confirmed_shares", "unique_clicks"] as const).map((value) => ({
                value,
                label: t(`admin.campaigns.goal.${value}`),
              }))}
              allowDeselect={false}
            />
            <NumberInput
              label={t("admin.campaigns.target")}
              min={1}
              allowDecimal={false}
              value={target}
              onChange={setTarget}
              error={errorFor("goal.target")}
            />
          </SimpleGrid>
          {save.error && Object.keys(errors).length === 0 && (
            <Text c="red" role="alert">
              {save.error.message}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("admin.action.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {campaign ? t("admin.action.save") : t("admin.campaigns.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AdminModal>
  );
}
