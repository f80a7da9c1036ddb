import { Alert, Button, Group, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call } from "../../api";
import { ErrorState } from "../../ui/states";
import { Queries } from "../queries";
import type { Channel, FeedItem } from "../types";
import { useChannelName } from "./channel-names";
import { orderChannels, suggestionsFor } from "./suggestions";

type Shared = { code: string; channel: Channel; copied: boolean; download: boolean };

/**
 * Compose (a suggested text to make one's own), pick a channel (which opens the network's
 * share page or copies the text and link), then say whether it was posted.
 */
export function ShareFlow({ item, onDone }: { item: FeedItem; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const me = useQuery(Queries.me);
  const channels = useQuery(Queries.channels);
  const channelName = useChannelName();
  const suggestions = suggestionsFor(item, i18n.language);
  const [index, setIndex] = useState(0);
  const [text, setText] = useState(suggestions[0] ?? item.title);
  const [shared, setShared] = useState<Shared | undefined>();
  const [askMastodon, setAskMastodon] = useState(false);
  const [mastodonServer, setMastodonServer] = useState("");

  const share = useMutation({
    mutationFn: async ({ channel, instance }: { channel: Channel; instance?: string }) =>
      call(
        api.POST("/api/content/{contentId}/share", {
          params: { path: { contentId: item.contentId } },
          body: { channel: channel.id, text, ...(instance && { instance }) },
        }),
      ),
    onSuccess: async (result, { channel }) => {
      const { action } = result;
      const toCopy = action.copyText ?? (action.kind === "intent" ? undefined : result.link.url);
      let copied = false;
      if (toCopy) copied = await copy(toCopy);
      if (action.url) window.open(action.url, "_blank", "noopener,noreferrer");
      setShared({
        code: result.link.code,
        channel,
        copied,
        download: action.downloadImage === true && item.imageUrl !== undefined,
      });
      void queryClient.invalidateQueries({ queryKey: ["feed"] });
    },
  });

  const saveServer = useMutation({
    mutationFn: (server: string) =>
      call(api.PATCH("/api/me", { body: { mastodonServer: server } })),
    onSuccess: (profile, server) => {
      queryClient.setQueryData(Queries.me.queryKey, profile);
      setAskMastodon(false);
      const mastodon = channels.data?.channels.find((channel) => channel.id === "mastodon");
      if (mastodon) share.mutate({ channel: mastodon, instance: server });
    },
  });

  const pick = (channel: Channel) => {
    if (channel.id === "mastodon" && !me.data?.mastodonServer) {
      setAskMastodon(true);
      return;
    }
    share.mutate({
      channel,
      ...(channel.id === "mastodon" && me.data?.mastodonServer
        ? { instance: me.data.mastodonServer }
        : {}),
    });
  };

  if (shared) return <DidYouPost item={item} shared={shared} onDone={onDone} />;

  const mine = me.data?.channels.map((channel) => channel.channel) ?? [];
  const ordered = orderChannels(channels.data?.channels ?? [], mine);
  return (
    <Stack gap="sm">
      <Text fw={600}>{item.title}</Text>
      <Textarea
        label={t("share.textLabel")}
        description={t("share.textHint")}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        autosize
        minRows={3}
        maxRows={8}
        maxLength={3000}
      />
      {suggestions.length > 1 && (
        <Button
          variant="subtle"
          size="compact-sm"
          w="fit-content"
          onClick={() => {
            const next = (index + 1) % suggestions.length;
            setIndex(next);
            setText(suggestions[next] ?? text);
          }}
        >
          {t("share.another")}
        </Button>
      )}
      <Text size="xs" c="dimmed">
        {t("share.disclosure")}
      </Text>
      {askMastodon ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            saveServer.mutate(mastodonServer.trim());
          }}
        >
          <Stack gap="xs">
            <TextInput
              label={t("share.mastodonServer")}
              description={t("share.mastodonServerHint")}
              placeholder="mastodon.social"
              value={mastodonServer}
              onChange={(event) => setMastodonServer(event.currentTarget.value)}
              error={saveServer.error ? t("share.mastodonServerInvalid") : undefined}
              required
              autoFocus
            />
            <Group>
              <Button type="submit" loading={saveServer.isPending}>
                {t("share.continue")}
              </Button>
              <Button variant="default" onClick={() => setAskMastodon(false)}>
                {t("share.back")}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <>
          <Title order={3} size="h6">
            {t("share.where")}
          </Title>
          <Group gap="xs" role="group" aria-label={t("share.where")}>
            {ordered.map((channel) => (
              <Button
                key={channel.id}
                variant={mine.includes(channel.id) ? "filled" : "default"}
                onClick={() => pick(channel)}
                loading={share.isPending && share.variables?.channel.id === channel.id}
                disabled={share.isPending}
                size="md"
              >
                {channelName(channel.id)}
              </Button>
            ))}
          </Group>
        </>
      )}
      {share.isError && <ErrorState error={share.error} />}
    </Stack>
  );
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** After the network: was it posted? Confirming counts the share; "not yet" changes nothing. */
function DidYouPost({
  item,
  shared,
  onDone,
}: {
  item: FeedItem;
  shared: Shared;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [postUrl, setPostUrl] = useState("");
  const confirm = useMutation({
    mutationFn: () =>
      call(
        api.POST("/api/shares/{code}/confirm", {
          params: { path: { code: shared.code } },
          body: postUrl.trim() ? { postUrl: postUrl.trim() } : {},
        }),
      ),
    onSuccess: () => {
      for (const key of ["feed", "standing", "my-links", "leaderboard"]) {
        void queryClient.invalidateQueries({ queryKey: [key] });
      }
    },
  });
  const name = useChannelName()(shared.channel.id);
  if (confirm.isSuccess) {
    return (
      <Stack gap="sm" role="status">
        <Text fw={600}>{t("share.thanks")}</Text>
        <Text size="sm" c="dimmed">
          {t("share.thanksText")}
        </Text>
        <Button onClick={onDone} w="fit-content">
          {t("share.done")}
        </Button>
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      {shared.copied ? (
        <Alert color="green" role="status" title={t("share.copied")}>
          {shared.channel.id === "copy" ? t("share.copiedLink") : t("share.pasteIn", { name })}
        </Alert>
      ) : (
        <Text size="sm">{t("share.opened", { name })}</Text>
      )}
      {shared.download && item.imageUrl && (
        <Button component="a" href={item.imageUrl} download target="_blank" variant="default">
          {t("share.downloadImage")}
        </Button>
      )}
      <Title order={3} size="h5">
        {t("share.didYouPost", { name })}
      </Title>
      <TextInput
        label={t("share.postUrl")}
        description={t("share.postUrlHint")}
        type="url"
        value={postUrl}
        onChange={(event) => setPostUrl(event.currentTarget.value)}
      />
      <Group>
        <Button onClick={() => confirm.mutate()} loading={confirm.isPending}>
          {t("share.yesPosted")}
        </Button>
        <Button variant="default" onClick={onDone}>
          {t("share.notYet")}
        </Button>
      </Group>
      {confirm.isError && <ErrorState error={confirm.error} />}
    </Stack>
  );
}
