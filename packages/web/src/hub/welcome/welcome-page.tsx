import {
  Box,
  Button,
  Checkbox,
  Container,
  Group,
  Paper,
  ScrollArea,
  Stack,
  Stepper,
  Text,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call } from "../../api";
import { ErrorState, Loading } from "../../ui/states";
import { ChannelsEditor } from "../me/channels-editor";
import { PrivacyChoices } from "../me/privacy-choices";
import { useSaveProfile } from "../me/save-profile";
import { TopicsPicker } from "../me/topics-picker";
import { useProfileLocale } from "../profile-locale";
import { Queries } from "../queries";
import type { Me, Organisation } from "../types";
import { guidelinesPending, markOnboarded } from "./onboarding-state";

type Step = "guidelines" | "channels" | "topics" | "privacy";

/** The first visit: one screen per choice, each but the guidelines skippable, ending on the feed. */
export function WelcomePage() {
  useProfileLocale(true);
  const me = useQuery(Queries.me);
  const organisation = useQuery(Queries.organisation);
  if (me.isPending || organisation.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  if (organisation.isError) return <ErrorState error={organisation.error} />;
  return <Onboarding me={me.data} organisation={organisation.data} />;
}

function Onboarding({ me, organisation }: { me: Me; organisation: Organisation }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const steps: Step[] = [
    ...(guidelinesPending(me, organisation) ? (["guidelines"] as const) : []),
    "channels",
    "topics",
    "privacy",
  ];
  const [active, setActive] = useState(0);
  const step = steps[active] ?? "privacy";
  const next = () => {
    if (active + 1 < steps.length) setActive(active + 1);
    else {
      markOnboarded(me.memberId);
      void navigate({ to: "/", search: { welcome: true } });
    }
  };
  return (
    <Container size={560} py="md">
      <Stack gap="md">
        <Title order={1} size="h3">
          {t("welcome.title", { org: organisation.name })}
        </Title>
        <Text size="sm" c="dimmed">
          {t("welcome.stepOf", { step: active + 1, total: steps.length })}
        </Text>
        <Stepper active={active} size="xs" allowNextStepsSelect={false} aria-hidden>
          {steps.map((name) => (
            <Stepper.Step key={name} />
          ))}
        </Stepper>
        <Paper withBorder p="md">
          {step === "guidelines" && <GuidelinesStep organisation={organisation} onDone={next} />}
          {step === "channels" && <ChannelsStep me={me} onDone={next} />}
          {step === "topics" && <TopicsStep me={me} onDone={next} />}
          {step === "privacy" && <PrivacyStep me={me} onDone={next} />}
        </Paper>
      </Stack>
    </Container>
  );
}

function StepButtons({
  onSave,
  onSkip,
  saving,
  error,
}: {
  onSave: () => void;
  onSkip?: () => void;
  saving: boolean;
  error?: unknown;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" mt="md">
      <Group>
        <Button onClick={onSave} loading={saving}>
          {t("welcome.continue")}
        </Button>
        {onSkip && (
          <Button variant="subtle" onClick={onSkip}>
            {t("welcome.skip")}
          </Button>
        )}
      </Group>
      {error ? <ErrorState error={error} /> : null}
    </Stack>
  );
}

function GuidelinesStep({
  organisation,
  onDone,
}: {
  organisation: Organisation;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [accepted, setAccepted] = useState(false);
  const guidelines = organisation.guidelines;
  const accept = useMutation({
    mutationFn: () =>
      call(api.POST("/api/me/guidelines", { body: { version: guidelines?.version ?? 1 } })),
    onSuccess: (profile) => {
      queryClient.setQueryData(Queries.me.queryKey, profile);
      onDone();
    },
  });
  return (
    <>
      <Title order={2} size="h4">
        {t("welcome.guidelines")}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t("welcome.guidelinesVersion", { version: guidelines?.version })} · {t("welcome.required")}
      </Text>
      <ScrollArea.Autosize mah={280} type="auto">
        <Box tabIndex={0} aria-label={t("welcome.guidelines")} style={{ whiteSpace: "pre-wrap" }}>
          <Text size="sm">{guidelines?.text}</Text>
        </Box>
      </ScrollArea.Autosize>
      <Checkbox
        mt="md"
        label={t("welcome.acceptGuidelines")}
        checked={accepted}
        onChange={(event) => setAccepted(event.currentTarget.checked)}
      />
      <StepButtons
        onSave={() => (accepted ? accept.mutate() : undefined)}
        saving={accept.isPending}
        error={accept.error}
      />
    </>
  );
}

function ChannelsStep({ me, onDone }: { me: Me; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveProfile();
  const [channels, setChannels] = useState(me.channels);
  return (
    <>
      <Title order={2} size="h4">
        {t("profile.channels")}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t("welcome.optional")}
      </Text>
      <ChannelsEditor value={channels} onChange={setChannels} />
      <StepButtons
        onSave={() => save.mutate({ channels }, { onSuccess: onDone })}
        onSkip={onDone}
        saving={save.isPending}
        error={save.error}
      />
    </>
  );
}

function TopicsStep({ me, onDone }: { me: Me; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveProfile();
  const [topics, setTopics] = useState(me.followedTopics);
  return (
    <>
      <Title order={2} size="h4">
        {t("profile.topics")}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t("welcome.optional")}
      </Text>
      <TopicsPicker value={topics} onChange={setTopics} />
      <StepButtons
        onSave={() => save.mutate({ followedTopics: topics }, { onSuccess: onDone })}
        onSkip={onDone}
        saving={save.isPending}
        error={save.error}
      />
    </>
  );
}

function PrivacyStep({ me, onDone }: { me: Me; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveProfile();
  const [privacy, setPrivacy] = useState(me.privacy);
  return (
    <>
      <Title order={2} size="h4">
        {t("profile.privacy")}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t("welcome.privacyDefaults")}
      </Text>
      <PrivacyChoices value={privacy} onChange={setPrivacy} />
      <StepButtons
        onSave={() => save.mutate({ privacy }, { onSuccess: onDone })}
        onSkip={onDone}
        saving={save.isPending}
        error={save.error}
      />
    </>
  );
}
