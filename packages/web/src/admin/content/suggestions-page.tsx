import { Button, Group, Paper, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";
import { Empty, ErrorState, Loading } from "../../ui/states";
import { ConfirmButton } from "../ui/confirm-button";
import { PageHeader } from "../ui/page-header";
import { useItemAction } from "./content-edit-page";
import { type ContentItem, ContentQueries } from "./content-queries";
import { ItemLink } from "./item-link";
import { StatusBadge } from "./status-badge";

/** What waits for approval: members' suggestions and curators' publishes. */
export function SuggestionsPage() {
  const { t } = useTranslation();
  const waiting = useQuery(ContentQueries.page({ awaitingApproval: "true", limit: 100 }));
  return (
    <Stack gap="lg">
      <PageHeader
        title={t("admin.content.suggestions.title")}
        description={t("admin.content.suggestions.intro")}
      />
      {waiting.isPending ? (
        <Loading />
      ) : waiting.isError ? (
        <ErrorState error={waiting.error} onRetry={() => waiting.refetch()} />
      ) : waiting.data.items.length === 0 ? (
        <Empty title={t("admin.content.suggestions.empty")} />
      ) : (
        <Stack gap="sm">
          {waiting.data.items.map((item) => (
            <Waiting key={item.contentId} item={item} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function Waiting({ item }: { item: ContentItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  const approve = useItemAction(item.contentId, "approve", t("admin.content.approved"));
  const decline = useItemAction(item.contentId, "archive", t("admin.content.archived"));
  return (
    <Paper withBorder p="md" component="article" aria-label={item.title}>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4} maw={640}>
          <ItemLink contentId={item.contentId}>{item.title}</ItemLink>
          <Text size="sm" c="dimmed">
            {item.url}
          </Text>
          {item.summary && <Text size="sm">{item.summary}</Text>}
          <Text size="xs" c="dimmed">
            {t("admin.content.source", {
              source: t(`admin.content.sources.${item.source}`),
              created: format.age(item.createdAt),
            })}
          </Text>
          <StatusBadge item={item} />
        </Stack>
        <Group gap="sm">
          <Button onClick={() => approve.mutate(undefined)} loading={approve.isPending}>
            {t("admin.content.approve")}
          </Button>
          <ConfirmButton
            title={t("admin.content.suggestions.declineTitle", { title: item.title })}
            message={t("admin.content.suggestions.declineText")}
            confirmLabel={t("admin.content.suggestions.decline")}
            onConfirm={() => decline.mutateAsync(undefined)}
            loading={decline.isPending}
          >
            {t("admin.content.suggestions.decline")}
          </ConfirmButton>
        </Group>
      </Group>
    </Paper>
  );
}
