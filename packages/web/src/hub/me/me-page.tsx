import {
  Anchor,
  Button,
  Group,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call, fieldError } from "../../api";
import { type Locale, setLocale } from "../../i18n/i18n";
import { Section } from "../../ui/section";
import { ErrorState, Loading } from "../../ui/states";
import { Queries } from "../queries";
import type { Me } from "../types";
import { ChannelsEditor } from "./channels-editor";
import { MailChoices } from "./mail-choices";
import { PrivacyChoices } from "./privacy-choices";
import { useSaveProfile } from "./save-profile";
import { TopicsPicker } from "./topics-picker";

/** Me: my profile, my choices, what is recorded about me, and signing out. */
export function MePage() {
  const { t } = useTranslation();
  const me = useQuery(Queries.me);
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  return (
    <Stack gap="lg">
      <Title order={1} size="h3">
        {t("me.title")}
      </Title>
      <Text c="dimmed" size="sm">
        {me.data.email}
      </Text>
      <ProfileSection me={me.data} />
      <ChannelsSection me={me.data} />
      <TopicsSection me={me.data} />
      <PrivacySection me={me.data} />
      <MailSection me={me.data} />
      <HolidaySection me={me.data} />
      <Section title={t("me.more")}>
        <Stack gap="xs">
          <Anchor component={Link} to="/me/data">
            {t("me.recorded")}
          </Anchor>
          <Anchor component={Link} to="/suggest">
            {t("me.suggest")}
          </Anchor>
        </Stack>
      </Section>
      <SignOutSection />
    </Stack>
  );
}

function Saved({ save }: { save: ReturnType<typeof useSaveProfile> }) {
  const { t } = useTranslation();
  if (save.isSuccess)
    return (
      <Text size="sm" c="green.9" role="status">
        {t("me.saved")}
      </Text>
    );
  if (save.isError && !fieldError(save.error, "")) return <ErrorState error={save.error} />;
  return null;
}

function ProfileSection({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const save = useSaveProfile();
  const [displayName, setDisplayName] = useState(me.displayName ?? "");
  const [mastodonServer, setMastodonServer] = useState(me.mastodonServer ?? "");
  return (
    <Section title={t("me.profile")} id="profile">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({
            ...(displayName.trim() && { displayName: displayName.trim() }),
            mastodonServer: mastodonServer.trim() || null,
          });
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t("me.displayName")}
            description={t("me.displayNameHint")}
            value={displayName}
            onChange={(event) => setDisplayName(event.currentTarget.value)}
            error={fieldError(save.error, "displayName")}
            maxLength={80}
          />
          <TextInput
            label={t("share.mastodonServer")}
            description={t("share.mastodonServerHint")}
            placeholder="mastodon.social"
            value={mastodonServer}
            onChange={(event) => setMastodonServer(event.currentTarget.value)}
            error={fieldError(save.error, "mastodonServer")}
          />
          <div>
            <Text size="sm" fw={500} id="language-label">
              {t("me.language")}
            </Text>
            <SegmentedControl
              aria-labelledby="language-label"
              value={i18n.language}
              onChange={(value) => {
                void setLocale(value as Locale);
                save.mutate({ locale: value as Locale });
              }}
              data={[
                { value: "sv", label: "Svenska" },
                { value: "en", label: "English" },
              ]}
            />
          </div>
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t("me.save")}
            </Button>
            <Saved save={save} />
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function ChannelsSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const save = useSaveProfile();
  const [channels, setChannels] = useState(me.channels);
  return (
    <Section title={t("profile.channels")} id="channels">
      <ChannelsEditor value={channels} onChange={setChannels} />
      <Group mt="sm">
        <Button onClick={() => save.mutate({ channels })} loading={save.isPending}>
          {t("me.save")}
        </Button>
        <Saved save={save} />
      </Group>
    </Section>
  );
}

function TopicsSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const save = useSaveProfile();
  const [topics, setTopics] = useState(me.followedTopics);
  return (
    <Section title={t("profile.topics")} id="topics">
      <TopicsPicker value={topics} onChange={setTopics} />
      <Group mt="sm">
        <Button onClick={() => save.mutate({ followedTopics: topics })} loading={save.isPending}>
          {t("me.save")}
        </Button>
        <Saved save={save} />
      </Group>
    </Section>
  );
}

function PrivacySection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const save = useSaveProfile();
  return (
    <Section title={t("profile.privacy")} id="privacy">
      <PrivacyChoices
        value={me.privacy}
        onChange={(privacy) => save.mutate({ privacy })}
        withDigest={false}
      />
      <Saved save={save} />
    </Section>
  );
}

function MailSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const save = useSaveProfile();
  // A choice shows as made at once (arrow keys move through a radio group); a failed save
  // shows the saved choice again, with the error.
  const pending = save.isPending ? save.variables : undefined;
  const shown: Me = pending
    ? { ...me, privacy: pending.privacy ?? me.privacy, mail: { ...me.mail, ...pending.mail } }
    : me;
  return (
    <Section title={t("mail.title")} id="mail">
      <MailChoices me={shown} onChange={(patch) => save.mutate(patch)} />
      <Saved save={save} />
    </Section>
  );
}

function HolidaySection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const save = useSaveProfile();
  const [from, setFrom] = useState(me.holiday?.from ?? "");
  const [to, setTo] = useState(me.holiday?.to ?? "");
  return (
    <Section title={t("me.holiday")} id="holiday">
      <Text size="sm" c="dimmed" mb="xs">
        {t("me.holidayExplain")}
      </Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ holiday: from && to ? { from, to } : null });
        }}
      >
        <Group align="flex-end">
          <TextInput
            type="date"
            label={t("me.holidayFrom")}
            value={from}
            onChange={(event) => setFrom(event.currentTarget.value)}
            error={fieldError(save.error, "holiday.from")}
          />
          <TextInput
            type="date"
            label={t("me.holidayTo")}
            value={to}
            onChange={(event) => setTo(event.currentTarget.value)}
            error={fieldError(save.error, "holiday.to")}
          />
          <Button type="submit" loading={save.isPending}>
            {from && to ? t("me.save") : t("me.clearHoliday")}
          </Button>
        </Group>
        <Saved save={save} />
      </form>
    </Section>
  );
}

function SignOutSection() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signOut = useMutation({
    mutationFn: (everywhere: boolean) =>
      call(api.POST(everywhere ? "/api/auth/sign-out-everywhere" : "/api/auth/sign-out")),
    onSuccess: async () => {
      // Away from the signed-in pages first: they would send a signed-out person to sign in.
      await navigate({ to: "/auth/signed-out" });
      queryClient.clear();
    },
  });
  return (
    <Section title={t("me.signOut")}>
      <Group>
        <Button variant="default" onClick={() => signOut.mutate(false)} loading={signOut.isPending}>
          {t("me.signOutHere")}
        </Button>
        <Button variant="default" onClick={() => signOut.mutate(true)}>
          {t("me.signOutEverywhere")}
        </Button>
      </Group>
      {signOut.isError && <ErrorState error={signOut.error} />}
    </Section>
  );
}
