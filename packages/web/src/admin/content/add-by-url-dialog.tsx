import {
  Alert,
  Button,
  Card,
  Group,
  Image,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { ContentInput, ContentPatch } from "@sprida/core/schemas/content/content";
import { useMutation } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call } from "../../api";
import { AdminModal } from "../ui/admin-modal";
import { useAdminMutation } from "../ui/admin-mutation";
import { messageFor, useFieldChecks } from "../ui/form-check";
import { CONTENT_KEY } from "./content-queries";

interface Draft {
  url: string;
  title: string;
  summary: string;
  imageUrl: string;
  language: "sv" | "en";
  topics: string[];
}

/**
 * Add by URL: paste a link, see the card members will see (read by the server's safe
 * fetcher), adjust it, create a draft and go to its editor. A page that cannot be read says
 * why and leaves the fields to fill in by hand.
 */
export function AddByUrlDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const empty: Draft = {
    url: "",
    title: "",
    summary: "",
    imageUrl: "",
    language: i18n.language === "en" ? "en" : "sv",
    topics: [],
  };
  const [draft, setDraft] = useState<Draft>(empty);
  const [read, setRead] = useState<"no" | "ok" | "failed" | "manual">("no");
  const [failure, setFailure] = useState("");
  const { errors, passes, clear } = useFieldChecks();
  const set = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));
  const preview = useMutation({
    mutationFn: (url: string) => call(api.POST("/api/content/preview", { body: { url } })),
    onSuccess: (answer) => {
      if (!answer.ok) {
        setFailure(answer.message);
        setRead("failed");
        return;
      }
      set({
        title: answer.title ?? "",
        summary: answer.description ?? "",
        imageUrl: answer.imageUrl ?? "",
        ...(answer.canonicalUrl && { url: answer.canonicalUrl }),
        ...((answer.language === "sv" || answer.language === "en") && {
          language: answer.language,
        }),
      });
      setRead("ok");
    },
  });
  const body = () => ({
    url: draft.url,
    title: draft.title,
    summary: draft.summary,
    language: draft.language,
    topics: draft.topics,
    ...(draft.imageUrl && { imageUrl: draft.imageUrl }),
  });
  const create = useAdminMutation({
    mutationFn: () => call(api.POST("/api/content", { body: body() })),
    invalidate: [CONTENT_KEY],
    success: t("admin.content.created"),
    quiet: true,
    onDone: (item) => {
      close();
      navigate({ to: "/admin/content/$contentId", params: { contentId: item.contentId } });
    },
  });
  const close = () => {
    setDraft(empty);
    setRead("no");
    clear();
    preview.reset();
    create.reset();
    onClose();
  };
  const fieldError = (path: string) => messageFor(path, errors, create.error ?? preview.error);
  const editing = read !== "no";
  return (
    <AdminModal opened={opened} onClose={close} title={t("admin.content.addTitle")} size="lg">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!editing) {
            if (
              passes(ContentPatch.pick({ url: true }), {
                url: draft.url,
              })
            )
              preview.mutate(draft.url);
            return;
          }
          if (passes(ContentInput, body())) create.mutate(undefined);
        }}
      >
        <Stack>
          <TextInput
            label={t("admin.content.url")}
            description={t("admin.content.urlHelp")}
            type="url"
            required
            value={draft.url}
            onChange={(event) => set({ url: event.currentTarget.value })}
            error={fieldError("url")}
            data-autofocus
          />
          {!editing && (
            <Group justify="space-between">
              <Button variant="subtle" onClick={() => setRead("manual")}>
                {t("admin.content.manual")}
              </Button>
              <Button type="submit" loading={preview.isPending}>
                {t("admin.content.fetch")}
              </Button>
            </Group>
          )}
          {read === "failed" && (
            <Alert color="orange" title={t("admin.content.manual")}>
              {t("admin.content.unreadable", { message: failure })}
            </Alert>
          )}
          {read === "ok" && (
            <Card
              withBorder
              padding="sm"
              aria-label={t("admin.content.previewTitle")}
              component="section"
            >
              <Text size="xs" c="dimmed" mb={4}>
                {t("admin.content.previewTitle")}
              </Text>
              {draft.imageUrl && (
                <Image src={draft.imageUrl} alt="" h={140} fit="cover" radius="sm" mb="xs" />
              )}
              <Text fw={700}>{draft.title}</Text>
              <Text size="sm" c="dimmed" lineClamp={3}>
                {draft.summary}
              </Text>
            </Card>
          )}
          {editing && (
            <>
              <TextInput
                label={t("admin.content.itemTitle")}
                required
                value={draft.title}
                onChange={(event) => set({ title: event.currentTarget.value })}
                error={fieldError("title")}
              />
              <Textarea
                label={t("admin.content.summary")}
                autosize
                minRows={2}
                value={draft.summary}
                onChange={(event) => set({ summary: event.currentTarget.value })}
                error={fieldError("summary")}
              />
              <TextInput
                label={t("admin.content.imageUrl")}
                type="url"
                value={draft.imageUrl}
                onChange={(event) => set({ imageUrl: event.currentTarget.value })}
                error={fieldError("imageUrl")}
              />
              <Group grow align="flex-start">
                <Select
                  label={t("admin.content.language")}
                  value={draft.language}
                  onChange={(value) => value && set({ language: value as Draft["language"] })}
                  data={(["sv", "en"] as const).map((value) => ({
                    value,
                    label: t(`admin.content.languages.${value}`),
                  }))}
                  allowDeselect={false}
                />
                <TagsInput
                  label={t("admin.content.topics")}
                  description={t("admin.content.topicsHelp")}
                  value={draft.topics}
                  onChange={(topics) => set({ topics })}
                  error={fieldError("topics")}
                />
              </Group>
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  {t("admin.action.cancel")}
                </Button>
                <Button type="submit" loading={create.isPending}>
                  {t("admin.content.create")}
                </Button>
              </Group>
            </>
          )}
          {(create.error || preview.error) && !fieldError("url") && !fieldError("title") && (
            <Alert color="red" role="alert">
              {(create.error ?? preview.error)?.message}
            </Alert>
          )}
        </Stack>
      </form>
    </AdminModal>
  );
}
