import { Box, Button, Checkbox, ScrollArea, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call } from "../../api";
import { useFormat } from "../../i18n/format";
import { ErrorState, Loading } from "../../ui/states";
import { AuthFrame } from "./auth-frame";
import { RequestAndCode } from "./request-and-code";

/** An invitation: the organisation's guidelines to accept and the choice to take part. */
export function JoinPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { token } = useSearch({ from: "/auth/join" });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [accepted, setAccepted] = useState(false);
  const [optIn, setOptIn] = useState(false);
  const invite = useQuery({
    queryKey: ["invite", token],
    queryFn: () => call(api.POST("/api/invites/describe", { body: { token: token ?? "" } })),
    enabled: Boolean(token),
    retry: false,
  });
  const join = useMutation({
    mutationFn: () =>
      call(
        api.POST("/api/invites/accept", {
          body: {
            token: token ?? "",
            guidelinesVersion: invite.data?.guidelines.version ?? 1,
            optIn: true,
          },
        }),
      ),
    onSuccess: (session) => {
      queryClient.clear();
      queryClient.setQueryData(["session"], session);
      void navigate({ to: "/welcome" });
    },
  });
  if (!token || invite.isError) {
    return (
      <AuthFrame title={t("join.invalidTitle")}>
        <Stack gap="md">
          <Text role="alert">{t("join.invalidText")}</Text>
          <RequestAndCode />
        </Stack>
      </AuthFrame>
    );
  }
  if (invite.isPending) return <Loading />;
  return (
    <AuthFrame title={t("join.title", { org: invite.data.orgName })}>
      <Stack gap="md">
        <Text>{t("join.explain")}</Text>
        <Text size="sm" c="dimmed">
          {t("join.expires", { date: format.date(invite.data.expiresAt) })}
        </Text>
        <Title order={2} size="h5">
          {t("welcome.guidelines")}{" "}
          <Text span size="sm" c="dimmed">
            ({t("welcome.guidelinesVersion", { version: invite.data.guidelines.version })})
          </Text>
        </Title>
        <ScrollArea.Autosize mah={240} type="auto">
          <Box tabIndex={0} aria-label={t("welcome.guidelines")} style={{ whiteSpace: "pre-wrap" }}>
            <Text size="sm">{invite.data.guidelines.text}</Text>
          </Box>
        </ScrollArea.Autosize>
        <Checkbox
          label={t("welcome.acceptGuidelines")}
          checked={accepted}
          onChange={(event) => setAccepted(event.currentTarget.checked)}
        />
        <Checkbox
          label={t("join.optIn")}
          description={t("join.optInExplain")}
          checked={optIn}
          onChange={(event) => setOptIn(event.currentTarget.checked)}
        />
        <Button
          size="md"
          disabled={!accepted || !optIn}
          loading={join.isPending}
          onClick={() => join.mutate()}
        >
          {t("join.button")}
        </Button>
        {join.isError && <ErrorState error={join.error} />}
      </Stack>
    </AuthFrame>
  );
}
