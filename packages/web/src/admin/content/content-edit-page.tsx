import {
  Anchor,
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { ContentPatch } from "@sprida/core/schemas/content/content";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call } from "../../api";
import { useFormat } from "../../i18n/format";
import { Section } from "../../ui/section";
import { ErrorState, Loading } from "../../ui/states";
import { useAdminMutation } from "../ui/admin-mutation";
import { ConfirmButton } from "../ui/confirm-button";
import { messageFor, useFieldChecks } from "../ui/form-check";
import { PageHeader } from "../ui/page-header";
import {
  CONTENT_KEY,
  type ContentItem,
  ContentQueries,
  fromLocalInput,
  toLocalInput,
} from "./content-queries";
import { StatusBadge } from "./status-badge";
import { SuggestedTextsEditor, type TextDraft } from "./suggested-texts-editor";

/** One item's editor: its details, schedule and suggested texts; publish, approve, archive. */
export function ContentEditPage() {
  const { contentId } = useParams({ strict: false }) as { contentId: string };
  const item = useQuery(ContentQueries.item(contentId));
  if (item.isPending) return <Loading />;
  if (item.isError) return <ErrorState error={item.error} onRetry={() => item.refetch()} />;
  // A fresh form per saved version: what the server holds is what the form starts from.
  return <Editor key={item.data.updatedAt} item={item.data} />;
}

function Editor({ item }: { item: ContentItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  const campaigns = useQuery({ ...ContentQueries.campaigns(), retry: false });
  const [title, setTitle] = useState(item.title);
  const [summary, setSummary] = useState(item.summary);
  const [url, setUrl] = useState(item.url);
  const [imageUrl, setImageUrl] = useState(item.imageUrl ?? "");
  const [language, setLanguage] = useState(item.language);
  const [topics, setTopics] = useState(item.topics);
  const [campaignId, setCampaignId] = useState(item.campaignId ?? null);
  const [featured, setFeatured] = useState(item.featured);
  const [publishAt, setPublishAt] = useState(toLocalInput(item.publishAt));
  const [expiresAt, setExpiresAt] = useState(toLocalInput(item.expiresAt));
  const [texts, setTexts] = useState<TextDraft[]>(
    item.suggestedTexts.map((text) => ({ ...text, key: text.id })),
  );
  const { errors, passes } = useFieldChecks();
  const patch = () => ({
    title,
    summary,
    url,
    imageUrl: imageUrl || null,
    language,
    topics,
    campaignId,
    featured,
    publishAt: fromLocalInput(publishAt),
    expiresAt: fromLocalInput(expiresAt),
    suggestedTexts: texts.map(({ key: _, ...text }) => text),
  });
  const path = { params: { path: { contentId: item.contentId } } };
  const save = useAdminMutation({
    mutationFn: () => call(api.PATCH("/api/content/{contentId}", { ...path, body: patch() })),
    invalidate: [CONTENT_KEY],
  });
  const publish = useItemAction(item.contentId, "publish", t("admin.content.published"));
  const approve = useItemAction(item.contentId, "approve", t("admin.content.approved"));
  const archive = useItemAction(item.contentId, "archive", t("admin.content.archived"));
  const errorFor = (field: string) => messageFor(field, errors, save.error);
  const submit = () => {
    if (passes(ContentPatch, patch())) save.mutate(undefined);
  };
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/admin/content" size="sm">
        ← {t("admin.content.back")}
      </Anchor>
      <PageHeader
        title={item.title}
        description={t("admin.content.source", {
          source: t(`admin.content.sources.${item.source}`),
          created: format.day(item.createdAt.slice(0, 10)),
        })}
        actions={
          <>
            <StatusBadge item={item} />
            {item.awaitingApproval && (
              <Button onClick={() => approve.mutate(undefined)} loading={approve.isPending}>
                {t("admin.content.approve")}
              </Button>
            )}
            {(item.status === "draft" || item.status === "archived") && !item.awaitingApproval && (
              <Button onClick={() => publish.mutate(undefined)} loading={publish.isPending}>
                {t("admin.content.publish")}
              </Button>
            )}
            {item.status !== "archived" && (
              <ConfirmButton
                title={t("admin.content.archiveTitle", { title: item.title })}
                message={t("admin.content.archiveText")}
                confirmLabel={t("admin.content.archive")}
                onConfirm={() => archive.mutateAsync(undefined)}
                loading={archive.isPending}
              >
                {t("admin.content.archive")}
              </ConfirmButton>
            )}
          </>
        }
      />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="lg">
          <Section title={t("admin.content.details")} id="details">
            <Stack>
              <TextInput
                label={t("admin.content.itemTitle")}
                required
                value={title}
                onChange={(event) => setTitle(event.currentTarget.value)}
                error={errorFor("title")}
              />
              <Textarea
                label={t("admin.content.summary")}
                autosize
                minRows={2}
                value={summary}
                onChange={(event) => setSummary(event.currentTarget.value)}
                error={errorFor("summary")}
              />
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <TextInput
                  label={t("admin.content.url")}
                  type="url"
                  required
                  value={url}
                  onChange={(event) => setUrl(event.currentTarget.value)}
                  error={errorFor("url")}
                />
                <TextInput
                  label={t("admin.content.imageUrl")}
                  type="url"
                  value={imageUrl}
                  onChange={(event) => setImageUrl(event.currentTarget.value)}
                  error={errorFor("imageUrl")}
                />
                <Select
                  label={t("admin.content.language")}
                  value={language}
                  onChange={(value) => value && setLanguage(value as typeof language)}
                  data={(["sv", "en"] as const).map((value) => ({
                    value,
                    label: t(`admin.content.languages.${value}`),
                  }))}
                  allowDeselect={false}
                />
                <TagsInput
                  label={t("admin.content.topics")}
                  description={t("admin.content.topicsHelp")}
                  value={topics}
                  onChange={setTopics}
                  error={errorFor("topics")}
                />
                {campaigns.data && (
                  <Select
                    label={t("admin.content.campaign")}
                    placeholder={t("admin.content.noCampaign")}
                    clearable
                    value={campaignId}
                    onChange={setCampaignId}
                    data={campaigns.data.campaigns.map((campaign) => ({
                      value: campaign.campaignId,
                      label: campaign.name,
                    }))}
                  />
                )}
                <Switch
                  label={t("admin.content.featured")}
                  checked={featured}
                  onChange={(event) => setFeatured(event.currentTarget.checked)}
                  mt="lg"
                />
              </SimpleGrid>
            </Stack>
          </Section>
          <Section title={t("admin.content.schedule")} id="schedule">
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <TextInput
                type="datetime-local"
                label={t("admin.content.publishAt")}
                description={t("admin.content.publishAtHelp")}
                value={publishAt}
                onChange={(event) => setPublishAt(event.currentTarget.value)}
                error={errorFor("publishAt")}
              />
              <TextInput
                type="datetime-local"
                label={t("admin.content.expiresAt")}
                description={t("admin.content.expiresAtHelp")}
                value={expiresAt}
                onChange={(event) => setExpiresAt(event.currentTarget.value)}
                error={errorFor("expiresAt")}
              />
            </SimpleGrid>
          </Section>
          <Section title={t("admin.content.texts")} id="texts">
            <SuggestedTextsEditor
              texts={texts}
              onChange={setTexts}
              errorFor={errorFor}
              language={language}
            />
          </Section>
          {save.error && !Object.keys(errors).length && (
            <Text c="red" role="alert">
              {save.error.message}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t("admin.action.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** Publish, approve or archive one item, with its notification. */
export function useItemAction(
  contentId: string,
  action: "publish" | "approve" | "archive",
  success: string,
) {
  return useAdminMutation({
    mutationFn: () =>
      call(api.POST(`/api/content/{contentId}/${action}`, { params: { path: { contentId } } })),
    invalidate: [CONTENT_KEY],
    success,
  });
}
