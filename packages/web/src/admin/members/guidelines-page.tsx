import { Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { GuidelinesText } from "@sprida/core/schemas/org/org";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call } from "../../api";
import { Queries } from "../../hub/queries";
import { useFormat } from "../../i18n/format";
import { ErrorState, Loading } from "../../ui/states";
import { useAdminMutation } from "../ui/admin-mutation";
import { ConfirmButton } from "../ui/confirm-button";
import { messageFor, useFieldChecks } from "../ui/form-check";
import { PageHeader } from "../ui/page-header";

/** The guidelines members accept: the current version, and publishing the next one. */
export function GuidelinesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const organisation = useQuery(Queries.organisation);
  const current = organisation.data?.guidelines;
  const [text, setText] = useState<string | undefined>();
  const draft = text ?? current?.text ?? "";
  const { errors, passes } = useFieldChecks();
  const publish = useAdminMutation({
    mutationFn: () =>
      call(api.POST("/api/admin/organisation/guidelines", { body: { text: draft } })),
    invalidate: [Queries.organisation.queryKey],
    success: t("admin.members.guidelines.published"),
    onDone: () => setText(undefined),
  });
  if (organisation.isPending) return <Loading />;
  if (organisation.isError)
    return <ErrorState error={organisation.error} onRetry={() => organisation.refetch()} />;
  const next = (current?.version ?? 0) + 1;
  return (
    <Stack gap="lg">
      <PageHeader
        title={t("admin.members.guidelines.title")}
        description={t("admin.members.guidelines.intro")}
      />
      <Paper withBorder p="md" component="section" aria-labelledby="current-guidelines">
        <Title order={2} size="h4" id="current-guidelines" mb="xs">
          {current
            ? t("admin.members.guidelines.current", {
                version: current.version,
                date: format.day(current.publishedAt.slice(0, 10)),
              })
            : t("admin.members.guidelines.none")}
        </Title>
        {current && <Text style={{ whiteSpace: "pre-wrap" }}>{current.text}</Text>}
      </Paper>
      <Paper withBorder p="md" component="section">
        <Stack>
          <Textarea
            label={t("admin.members.guidelines.newVersion")}
            autosize
            minRows={6}
            value={draft}
            onChange={(event) => setText(event.currentTarget.value)}
            // The schema checks the text itself (path ""); the API names the body's field.
            error={errors[""] ?? messageFor("text", {}, publish.error)}
          />
          <ConfirmButton
            color="blue"
            variant="filled"
            w="fit-content"
            title={t("admin.members.guidelines.publishTitle", { version: next })}
            message={t("admin.members.guidelines.publishText")}
            confirmLabel={t("admin.members.guidelines.publish")}
            disabled={draft.trim() === "" || draft === current?.text}
            onConfirm={async () => {
              if (passes(GuidelinesText, draft)) await publish.mutateAsync(undefined);
            }}
            loading={publish.isPending}
          >
            {t("admin.members.guidelines.publish")}
          </ConfirmButton>
        </Stack>
      </Paper>
    </Stack>
  );
}
