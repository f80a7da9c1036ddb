import { Alert, Anchor, Button, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call, fieldError } from "../../api";
import { ErrorState } from "../../ui/states";

/** Suggest a link: it goes to the curators, who decide whether it joins the feed. */
export function SuggestPage() {
  const { t } = useTranslation();
  const [url, setUrl] = useState("");
  const [title, setTitle] = useState("");
  const [summary, setSummary] = useState("");
  const suggest = useMutation({
    mutationFn: () =>
      call(
        api.POST("/api/content/suggestions", {
          body: {
            url: url.trim(),
            ...(title.trim() && { title: title.trim() }),
            ...(summary.trim() && { summary: summary.trim() }),
          },
        }),
      ),
    onSuccess: () => {
      setUrl("");
      setTitle("");
      setSummary("");
    },
  });
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/" size="sm">
        ← {t("nav.feed")}
      </Anchor>
      <Title order={1} size="h3">
        {t("suggest.title")}
      </Title>
      <Text size="sm">{t("suggest.intro")}</Text>
      {suggest.isSuccess && (
        <Alert color="green" role="status" title={t("suggest.thanks")}>
          {t("suggest.thanksText")}
        </Alert>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          suggest.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t("suggest.url")}
            type="url"
            required
            value={url}
            onChange={(event) => setUrl(event.currentTarget.value)}
            error={fieldError(suggest.error, "url")}
            placeholder="https://"
          />
          <TextInput
            label={t("suggest.titleLabel")}
            description={t("suggest.optional")}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            error={fieldError(suggest.error, "title")}
          />
          <Textarea
            label={t("suggest.why")}
            description={t("suggest.optional")}
            value={summary}
            onChange={(event) => setSummary(event.currentTarget.value)}
            error={fieldError(suggest.error, "summary")}
            autosize
            minRows={2}
          />
          <Button type="submit" loading={suggest.isPending} w="fit-content">
            {t("suggest.send")}
          </Button>
          {suggest.isError && !fieldError(suggest.error, "url") && (
            <ErrorState error={suggest.error} />
          )}
        </Stack>
      </form>
    </Stack>
  );
}
