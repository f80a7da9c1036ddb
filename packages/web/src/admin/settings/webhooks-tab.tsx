import {
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { WEBHOOK_EVENTS, WebhookInput } from "@sprida/core/schemas/webhook/webhook";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call } from "../../api";
import type { paths } from "../../api/api-types";
import { useFormat } from "../../i18n/format";
import { ErrorState, Loading } from "../../ui/states";
import { useAdminMutation } from "../ui/admin-mutation";
import { ConfirmButton } from "../ui/confirm-button";
import { messageFor, useFieldChecks } from "../ui/form-check";
import { SecretOnce } from "./secret-once";
import { SETTINGS_KEY, SettingsQueries } from "./settings-queries";

type Webhook =
  paths["/api/webhooks"]["get"]["responses"][200]["content"]["application/json"]["webhooks"][number];
/** The events a webhook may subscribe to, as the API names them. */
const EVENTS = WEBHOOK_EVENTS;

/** Webhooks: add (the secret shown once), test, rotate, delete, and each one's delivery log. */
export function WebhooksTab() {
  const { t } = useTranslation();
  const webhooks = useQuery(SettingsQueries.webhooks());
  const [secret, setSecret] = useState<{ url: string; secret: string } | undefined>();
  return (
    <Stack gap="xl" maw={960}>
      <Text>{t("admin.settings.webhooks.intro")}</Text>
      <AddWebhook onSecret={setSecret} />
      {secret && (
        <SecretOnce
          secret={secret.secret}
          note={`${t("admin.settings.webhooks.secretOnce")} ${secret.url}`}
        />
      )}
      {webhooks.isPending ? (
        <Loading />
      ) : webhooks.isError ? (
        <ErrorState error={webhooks.error} onRetry={() => webhooks.refetch()} />
      ) : webhooks.data.webhooks.length === 0 ? (
        <Text c="dimmed">{t("admin.settings.webhooks.none")}</Text>
      ) : (
        webhooks.data.webhooks.map((webhook) => (
          <WebhookCard key={webhook.webhookId} webhook={webhook} onSecret={setSecret} />
        ))
      )}
    </Stack>
  );
}

function AddWebhook({ onSecret }: { onSecret: (secret: { url: string; secret: string }) => void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>([...EVENTS]);
  const [description, setDescription] = useState("");
  const { errors, passes } = useFieldChecks();
  const body = () => ({
    url,
    events: events as (typeof EVENTS)[number][],
    ...(description && { description }),
  });
  const add = useAdminMutation({
    mutationFn: () => call(api.POST("/api/webhooks", { body: body() })),
    invalidate: [SETTINGS_KEY],
    quiet: true,
    onDone: (created) => {
      onSecret({ url: created.url, secret: created.secret });
      setUrl("");
      setDescription("");
    },
  });
  const errorFor = (path: string) => messageFor(path, errors, add.error);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="add-webhook">
      <Title order={2} size="h4" id="add-webhook" mb="sm">
        {t("admin.settings.webhooks.add")}
      </Title>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (passes(WebhookInput, body())) add.mutate(undefined);
        }}
      >
        <Stack>
          <TextInput
            label={t("admin.settings.webhooks.url")}
            value={url}
            onChange={(event) => setUrl(event.currentTarget.value)}
            error={errorFor("url")}
          />
          <Checkbox.Group
            label={t("admin.settings.webhooks.events")}
            value={events}
            onChange={setEvents}
            error={errorFor("events")}
          >
            <Group mt="xs">
              {EVENTS.map((event) => (
                <Checkbox key={event} value={event} label={event} />
              ))}
            </Group>
          </Checkbox.Group>
          <TextInput
            label={t("admin.settings.webhooks.description")}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            error={errorFor("description")}
          />
          {add.error && Object.keys(errors).length === 0 && !errorFor("url") && (
            <Text c="red" role="alert">
              {add.error.message}
            </Text>
          )}
          <Button type="submit" loading={add.isPending} w="fit-content">
            {t("admin.settings.webhooks.add")}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

function WebhookCard({
  webhook,
  onSecret,
}: {
  webhook: Webhook;
  onSecret: (secret: { url: string; secret: string }) => void;
}) {
  const { t } = useTranslation();
  const path = { params: { path: { webhookId: webhook.webhookId } } };
  const deliveriesKey = SettingsQueries.deliveries(webhook.webhookId).queryKey;
  const test = useAdminMutation({
    mutationFn: () => call(api.POST("/api/webhooks/{webhookId}/test", path)),
    invalidate: [deliveriesKey],
    success: t("admin.settings.webhooks.tested"),
  });
  const rotate = useAdminMutation({
    mutationFn: () =>
      call(api.POST("/api/webhooks/{webhookId}/rotate-secret", { ...path, body: {} })),
    invalidate: [SETTINGS_KEY],
    onDone: (rotated) => onSecret({ url: rotated.url, secret: rotated.secret }),
  });
  const remove = useAdminMutation({
    mutationFn: () => call(api.DELETE("/api/webhooks/{webhookId}", path)),
    invalidate: [SETTINGS_KEY],
  });
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-label={webhook.url}
      data-testid={`webhook-${webhook.url}`}
    >
      <Group justify="space-between" align="flex-start" mb="sm">
        <Stack gap={2}>
          <Text fw={700}>{webhook.url}</Text>
          <Group gap={4}>
            {webhook.events.map((event) => (
              <Badge key={event} variant="outline" color="dark">
                {event}
              </Badge>
            ))}
          </Group>
          {webhook.description && <Text size="sm">{webhook.description}</Text>}
        </Stack>
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            onClick={() => test.mutate(undefined)}
            loading={test.isPending}
          >
            {t("admin.settings.webhooks.test")}
          </Button>
          <ConfirmButton
            size="xs"
            color="blue"
            title={t("admin.settings.webhooks.rotateTitle", { url: webhook.url })}
            message={t("admin.settings.webhooks.rotateText")}
            confirmLabel={t("admin.settings.webhooks.rotate")}
            onConfirm={() => rotate.mutateAsync(undefined)}
            loading={rotate.isPending}
          >
            {t("admin.settings.webhooks.rotate")}
          </ConfirmButton>
          <ConfirmButton
            size="xs"
            title={t("admin.settings.webhooks.removeTitle", { url: webhook.url })}
            message={t("admin.settings.webhooks.removeText")}
            confirmLabel={t("admin.settings.webhooks.remove")}
            onConfirm={() => remove.mutateAsync(undefined)}
            loading={remove.isPending}
          >
            {t("admin.settings.webhooks.remove")}
          </ConfirmButton>
        </Group>
      </Group>
      <Deliveries webhookId={webhook.webhookId} />
    </Paper>
  );
}

function Deliveries({ webhookId }: { webhookId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const deliveries = useQuery(SettingsQueries.deliveries(webhookId));
  if (deliveries.isPending) return <Loading />;
  if (deliveries.isError)
    return <ErrorState error={deliveries.error} onRetry={() => deliveries.refetch()} />;
  if (deliveries.data.deliveries.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t("admin.settings.webhooks.noDeliveries")}
      </Text>
    );
  return (
    <Table fz="sm" aria-label={t("admin.settings.webhooks.deliveries")}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t("admin.settings.webhooks.column.time")}</Table.Th>
          <Table.Th scope="col">{t("admin.settings.webhooks.column.event")}</Table.Th>
          <Table.Th scope="col">{t("admin.settings.webhooks.column.status")}</Table.Th>
          <Table.Th scope="col">{t("admin.settings.webhooks.column.attempts")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {deliveries.data.deliveries.slice(0, 20).map((delivery) => {
          const last = delivery.attempts[delivery.attempts.length - 1];
          return (
            <Table.Tr key={delivery.deliveryId} data-testid="delivery">
              <Table.Td>{format.age(delivery.createdAt)}</Table.Td>
              <Table.Td>{delivery.type}</Table.Td>
              <Table.Td>
                {delivery.status}
                {last?.httpStatus !== undefined && ` (HTTP ${last.httpStatus})`}
                {last?.error && `: ${last.error}`}
              </Table.Td>
              <Table.Td>{delivery.attempts.length}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
