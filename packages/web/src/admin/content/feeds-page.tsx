import {
  Alert,
  Button,
  Group,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { FeedInput } from "@sprida/core/schemas/rss/rss";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call } from "../../api";
import type { paths } from "../../api/api-types";
import { useFormat } from "../../i18n/format";
import { Empty, ErrorState, Loading } from "../../ui/states";
import { AdminModal } from "../ui/admin-modal";
import { useAdminMutation } from "../ui/admin-mutation";
import { ConfirmButton } from "../ui/confirm-button";
import { messageFor, useFieldChecks } from "../ui/form-check";
import { PageHeader } from "../ui/page-header";
import { CONTENT_KEY, ContentQueries } from "./content-queries";

type Feed =
  paths["/api/rss-feeds"]["get"]["responses"][200]["content"]["application/json"]["feeds"][number];
const FEEDS_KEY = ["admin", "rss-feeds"];

/** RSS and Atom feeds: add, change, fetch now (and what arrived), remove. */
export function FeedsPage() {
  const { t } = useTranslation();
  const [adding, { open, close }] = useDisclosure(false);
  const feeds = useQuery(ContentQueries.feeds());
  return (
    <Stack gap="lg">
      <PageHeader
        title={t("admin.content.feeds.title")}
        description={t("admin.content.feeds.intro")}
        actions={<Button onClick={open}>{t("admin.content.feeds.add")}</Button>}
      />
      {feeds.isPending ? (
        <Loading />
      ) : feeds.isError ? (
        <ErrorState error={feeds.error} onRetry={() => feeds.refetch()} />
      ) : feeds.data.feeds.length === 0 ? (
        <Empty title={t("admin.content.feeds.empty")}>
          <Button onClick={open}>{t("admin.content.feeds.add")}</Button>
        </Empty>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label={t("admin.content.feeds.title")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("admin.content.feeds.column.feed")}</Table.Th>
                <Table.Th scope="col">{t("admin.content.feeds.column.topic")}</Table.Th>
                <Table.Th scope="col">{t("admin.content.feeds.column.mode")}</Table.Th>
                <Table.Th scope="col">{t("admin.content.feeds.column.status")}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t("admin.action.edit")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {feeds.data.feeds.map((feed) => (
                <FeedRow key={feed.feedId} feed={feed} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <AddFeedDialog opened={adding} onClose={close} />
    </Stack>
  );
}

function FeedRow({ feed }: { feed: Feed }) {
  const { t } = useTranslation();
  const format = useFormat();
  const path = { params: { path: { feedId: feed.feedId } } };
  const toggle = useAdminMutation({
    mutationFn: (autoPublish: boolean) =>
      call(api.PATCH("/api/rss-feeds/{feedId}", { ...path, body: { autoPublish } })),
    invalidate: [FEEDS_KEY],
  });
  const fetchNow = useAdminMutation({
    mutationFn: () => call(api.POST("/api/rss-feeds/{feedId}/fetch", path)),
    invalidate: [FEEDS_KEY, CONTENT_KEY],
    success: t("admin.content.feeds.fetchNow"),
  });
  const remove = useAdminMutation({
    mutationFn: () => call(api.POST("/api/rss-feeds/{feedId}/remove", path)),
    invalidate: [FEEDS_KEY],
  });
  const result = fetchNow.data as
    | { items?: number; created?: number; skipped?: number }
    | undefined;
  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={600}>{feed.title}</Text>
        <Text size="xs" c="dimmed">
          {feed.url}
        </Text>
      </Table.Td>
      <Table.Td>{feed.topic}</Table.Td>
      <Table.Td>
        <Switch
          label={
            feed.autoPublish
              ? t("admin.content.feeds.modeAuto")
              : t("admin.content.feeds.modeDraft")
          }
          checked={feed.autoPublish}
          onChange={(event) => toggle.mutate(event.currentTarget.checked)}
        />
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {feed.lastFetchedAt
            ? t("admin.content.feeds.lastFetched", { time: format.age(feed.lastFetchedAt) })
            : t("admin.content.feeds.never")}
        </Text>
        {feed.lastError && (
          <Text size="sm" c="red">
            {feed.lastError}
          </Text>
        )}
        {result?.items !== undefined && (
          <Text size="sm" role="status">
            {t("admin.content.feeds.fetched", result)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button
            size="xs"
            variant="default"
            onClick={() => fetchNow.mutate(undefined)}
            loading={fetchNow.isPending}
          >
            {t("admin.content.feeds.fetchNow")}
          </Button>
          <ConfirmButton
            size="xs"
            title={t("admin.content.feeds.removeTitle", { title: feed.title })}
            message={t("admin.content.feeds.removeText")}
            confirmLabel={t("admin.content.feeds.remove")}
            onConfirm={() => remove.mutateAsync(undefined)}
            loading={remove.isPending}
          >
            {t("admin.content.feeds.remove")}
          </ConfirmButton>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function AddFeedDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState("");
  const [topic, setTopic] = useState("");
  const [autoPublish, setAutoPublish] = useState(false);
  const { errors, passes } = useFieldChecks();
  const add = useAdminMutation({
    mutationFn: () => call(api.POST("/api/rss-feeds", { body: { url, topic, autoPublish } })),
    invalidate: [FEEDS_KEY, CONTENT_KEY],
    quiet: true,
    onDone: () => {
      setUrl("");
      setTopic("");
      setAutoPublish(false);
      onClose();
    },
  });
  const errorFor = (path: string) => messageFor(path, errors, add.error);
  return (
    <AdminModal opened={opened} onClose={onClose} title={t("admin.content.feeds.add")}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (passes(FeedInput, { url, topic, autoPublish })) add.mutate(undefined);
        }}
      >
        <Stack>
          <TextInput
            label={t("admin.content.feeds.url")}
            type="url"
            required
            value={url}
            onChange={(event) => setUrl(event.currentTarget.value)}
            error={errorFor("url")}
            data-autofocus
          />
          <TextInput
            label={t("admin.content.feeds.topic")}
            required
            value={topic}
            onChange={(event) => setTopic(event.currentTarget.value)}
            error={errorFor("topic")}
          />
          <Switch
            label={t("admin.content.feeds.autoPublish")}
            description={t("admin.content.feeds.autoPublishHelp")}
            checked={autoPublish}
            onChange={(event) => setAutoPublish(event.currentTarget.checked)}
          />
          {add.error && !errorFor("url") && !errorFor("topic") && (
            <Alert color="red" role="alert">
              {add.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("admin.action.cancel")}
            </Button>
            <Button type="submit" loading={add.isPending}>
              {t("admin.content.feeds.add")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AdminModal>
  );
}
