import { Badge, Button, Card, Group, Image, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";
import { ShareIcon } from "../../ui/icons";
import { useChannelName } from "../share/channel-names";
import type { FeedItem } from "../types";
import classes from "./feed-card.module.css";

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return "";
  }
};

/** One item: the content does the talking; one button, or what my share of it has done. */
export function FeedCard({ item, onShare }: { item: FeedItem; onShare: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const channelName = useChannelName();
  const confirmed = item.myLinks.filter((link) => link.confirmed);
  const clicks = item.myLinks.reduce((sum, link) => sum + link.clicks, 0);
  const host = hostOf(item.url);
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={`title-${item.contentId}`}>
      <Card.Section>
        {item.imageUrl ? (
          <Image src={item.imageUrl} alt="" h={160} loading="lazy" />
        ) : (
          <div className={classes.placeholder} aria-hidden>
            {host.charAt(0).toUpperCase()}
          </div>
        )}
      </Card.Section>
      <Stack gap={6} mt="sm">
        <Group gap="xs">
          {item.featured && <Badge variant="filled">{t("feed.featured")}</Badge>}
          {item.campaignId && <Badge variant="light">{t("feed.inCampaign")}</Badge>}
          {item.topics.map((topic) => (
            <Badge key={topic} variant="outline" color="gray">
              {topic}
            </Badge>
          ))}
        </Group>
        <Title order={2} size="h4" id={`title-${item.contentId}`}>
          <a href={item.url} className={classes.title} target="_blank" rel="noreferrer">
            {item.title}
          </a>
        </Title>
        <Text size="sm" c="dimmed">
          {[host, item.publishedAt && format.age(item.publishedAt)].filter(Boolean).join(" · ")}
        </Text>
        {item.summary && (
          <Text size="sm" lineClamp={3}>
            {item.summary}
          </Text>
        )}
        {confirmed.length > 0 ? (
          <Group justify="space-between" mt="xs">
            <Text size="sm" fw={600}>
              {t("feed.sharedOn", {
                channels: confirmed.map((link) => channelName(link.channel)).join(", "),
              })}{" "}
              · {t("feed.clicks", { count: clicks })}
            </Text>
            <Button variant="subtle" size="compact-sm" onClick={onShare}>
              {t("feed.shareAgain")}
            </Button>
          </Group>
        ) : (
          <Button leftSection={<ShareIcon />} onClick={onShare} mt="xs" size="md">
            {t("feed.share")}
          </Button>
        )}
      </Stack>
    </Card>
  );
}
