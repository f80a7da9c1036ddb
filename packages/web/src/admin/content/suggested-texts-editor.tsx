import { ActionIcon, Button, Group, Paper, Select, Stack, Text, Textarea } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Queries } from "../../hub/queries";
import type { ContentItem } from "./content-queries";

export type TextDraft = Omit<ContentItem["suggestedTexts"][number], "id"> & {
  id?: string;
  key: string;
};

let counter = 0;
/** A new, empty suggested text (the key only tells React's list apart; the API gives ids). */
export const newText = (language: "sv" | "en"): TextDraft => ({
  key: `new-${++counter}`,
  channel: "any",
  language,
  text: "",
});

/** The texts members start from: per channel (or any) and language, added and removed here. */
export function SuggestedTextsEditor({
  texts,
  onChange,
  errorFor,
  language,
}: {
  texts: TextDraft[];
  onChange: (texts: TextDraft[]) => void;
  errorFor: (path: string) => string | undefined;
  language: "sv" | "en";
}) {
  const { t } = useTranslation();
  const channels = useQuery(Queries.channels);
  const channelChoices = [
    { value: "any", label: t("admin.content.anyChannel") },
    ...(channels.data?.channels ?? []).map((channel) => ({
      value: channel.id,
      label: channel.name,
    })),
  ];
  const change = (index: number, patch: Partial<TextDraft>) =>
    onChange(texts.map((text, at) => (at === index ? { ...text, ...patch } : text)));
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t("admin.content.textsHelp")}
      </Text>
      {texts.length === 0 && <Text size="sm">{t("admin.content.noTexts")}</Text>}
      {texts.map((text, index) => (
        <Paper key={text.key} withBorder p="sm" data-testid="suggested-text">
          <Group align="flex-end" gap="sm" mb="xs">
            <Select
              label={t("admin.content.textChannel")}
              value={text.channel}
              onChange={(channel) =>
                channel && change(index, { channel: channel as TextDraft["channel"] })
              }
              data={channelChoices}
              allowDeselect={false}
              w={200}
            />
            <Select
              label={t("admin.content.textLanguage")}
              value={text.language}
              onChange={(value) =>
                value && change(index, { language: value as TextDraft["language"] })
              }
              data={(["sv", "en"] as const).map((value) => ({
                value,
                label: t(`admin.content.languages.${value}`),
              }))}
              allowDeselect={false}
              w={140}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t("admin.content.removeText")}
              onClick={() => onChange(texts.filter((_, at) => at !== index))}
              ml="auto"
            >
              <span aria-hidden>✕</span>
            </ActionIcon>
          </Group>
          <Textarea
            label={t("admin.content.text")}
            autosize
            minRows={2}
            value={text.text}
            onChange={(event) => change(index, { text: event.currentTarget.value })}
            error={errorFor(`suggestedTexts.${index}.text`)}
          />
        </Paper>
      ))}
      <Button
        variant="default"
        onClick={() => onChange([...texts, newText(language)])}
        w="fit-content"
      >
        {t("admin.content.addText")}
      </Button>
    </Stack>
  );
}
