import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  List,
  Paper,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call } from "../../api";
import { currentLocale } from "../../i18n/i18n";
import { Section } from "../../ui/section";
import { ErrorState, Loading } from "../../ui/states";
import { Queries } from "../queries";
import classes from "./my-data-page.module.css";

/** What is recorded about me, why, who sees it, for how long; my export; leaving. */
export function MyDataPage() {
  const { t } = useTranslation();
  const recorded = useQuery(Queries.recorded(currentLocale()));
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/me" size="sm">
        ← {t("me.title")}
      </Anchor>
      <Title order={1} size="h3">
        {t("data.title")}
      </Title>
      <Text size="sm">{t("data.intro")}</Text>
      {recorded.isPending ? (
        <Loading />
      ) : recorded.isError ? (
        <ErrorState error={recorded.error} onRetry={() => recorded.refetch()} />
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
          {recorded.data.map((row) => (
            <Paper key={row.id} withBorder p="sm" component="li">
              <Text fw={700}>{row.item}</Text>
              <dl className={classes.facts}>
                <dt>{t("data.purpose")}</dt>
                <dd>{row.purpose}</dd>
                <dt>{t("data.whoSees")}</dt>
                <dd>{row.whoSees.map((viewer) => t(`data.viewer.${viewer}`)).join(", ")}</dd>
                <dt>{t("data.retention")}</dt>
                <dd>{row.retention}</dd>
              </dl>
            </Paper>
          ))}
        </Stack>
      )}
      <Section title={t("data.export")}>
        <Text size="sm" mb="sm">
          {t("data.exportExplain")}
        </Text>
        <Button component="a" href="/api/me/export" download variant="default">
          {t("data.exportButton")}
        </Button>
      </Section>
      <LeaveSection />
    </Stack>
  );
}

function LeaveSection() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [asked, setAsked] = useState(false);
  const [sure, setSure] = useState(false);
  const leave = useMutation({
    mutationFn: () => call(api.POST("/api/me/leave", { body: { confirm: true } })),
    onSuccess: async () => {
      await navigate({ to: "/auth/signed-out", search: { left: true } });
      queryClient.clear();
    },
  });
  return (
    <Section title={t("data.leave")} id="leave">
      {!asked ? (
        <>
          <Text size="sm" mb="sm">
            {t("data.leaveExplain")}
          </Text>
          <Button color="red" variant="outline" onClick={() => setAsked(true)}>
            {t("data.leaveButton")}
          </Button>
        </>
      ) : (
        <Alert color="red" title={t("data.leaveConfirmTitle")} role="alert">
          <List size="sm" spacing={4}>
            <List.Item>{t("data.leaveDeleted")}</List.Item>
            <List.Item>{t("data.leaveAnonymised")}</List.Item>
            <List.Item>{t("data.leaveLinks")}</List.Item>
            <List.Item>{t("data.leaveSignedOut")}</List.Item>
          </List>
          <Checkbox
            mt="sm"
            label={t("data.leaveSure")}
            checked={sure}
            onChange={(event) => setSure(event.currentTarget.checked)}
          />
          <Group mt="sm">
            <Button
              color="red"
              disabled={!sure}
              loading={leave.isPending}
              onClick={() => leave.mutate()}
            >
              {t("data.leaveFinal")}
            </Button>
            <Button variant="default" onClick={() => setAsked(false)}>
              {t("data.leaveCancel")}
            </Button>
          </Group>
          {leave.isError && <ErrorState error={leave.error} />}
        </Alert>
      )}
    </Section>
  );
}
