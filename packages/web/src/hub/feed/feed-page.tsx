import { Alert, Anchor, Button, Chip, Group, Stack, Text, Title } from "@mantine/core";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Empty, ErrorState, Loading } from "../../ui/states";
import { Queries } from "../queries";
import type { FeedItem } from "../types";
import { CampaignBanners } from "./campaign-banners";
import { FeedCard } from "./feed-card";
import classes from "./feed-page.module.css";

// The share sheet loads on the first "Share" (it is fetched ahead while the feed is idle).
const loadShareSheet = () => import("../share/share-sheet");
const ShareSheet = lazy(() => loadShareSheet().then(({ ShareSheet }) => ({ default: ShareSheet })));

/** How many feed pages a digest's Share link looks through for its item (10 items a page). */
const SHARE_LOOKUP_PAGES = 5;

/** Featured first, then followed topics, then newest; a topic filter; more as you scroll. */
export function FeedPage() {
  const { t } = useTranslation();
  const { topic, welcome, share } = useSearch({ from: "/hub/" });
  const navigate = useNavigate();
  const feed = useInfiniteQuery(Queries.feed(topic));
  const topics = useQuery(Queries.topics);
  const [sharing, setSharing] = useState<FeedItem | undefined>();
  const items = feed.data?.pages.flatMap((page) => page.items) ?? [];
  const [shareGone, setShareGone] = useState(false);
  // A digest's Share button opens the feed with that item's share sheet (?share=<id>). The item
  // may sit below the first page (featured and followed topics come first): look a few pages on.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = feed;
  useEffect(() => {
    if (!share || !feed.isSuccess || isFetchingNextPage) return;
    const item = feed.data.pages.flatMap((page) => page.items).find((i) => i.contentId === share);
    if (!item && hasNextPage && feed.data.pages.length < SHARE_LOOKUP_PAGES) {
      void fetchNextPage();
      return;
    }
    if (item) setSharing(item);
    else setShareGone(true);
    void navigate({ to: "/", search: topic ? { topic } : {}, replace: true });
  }, [
    share,
    feed.isSuccess,
    feed.data,
    hasNextPage,
    isFetchingNextPage,
    fetchNextPage,
    navigate,
    topic,
  ]);
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 1500));
    idle(() => void loadShareSheet());
  }, []);

  return (
    <Stack gap="md">
      <Title order={1} size="h3">
        {t("feed.title")}
      </Title>
      {welcome && (
        <Alert color="blue" role="status">
          {t("feed.welcome")}
        </Alert>
      )}
      {shareGone && (
        <Alert color="yellow" role="status" withCloseButton onClose={() => setShareGone(false)}>
          {t("shareLink.gone")}
        </Alert>
      )}
      <CampaignBanners />
      {topics.data && topics.data.topics.length > 0 && (
        <div className={classes.topics}>
          <Chip.Group
            value={topic ?? ""}
            onChange={(value) =>
              navigate({ to: "/", search: value ? { topic: value as string } : {} })
            }
          >
            <Group gap="xs" wrap="nowrap" role="group" aria-label={t("feed.topics")}>
              <Chip value="" size="sm">
                {t("feed.allTopics")}
              </Chip>
              {topics.data.topics.map(({ topic: name }) => (
                <Chip key={name} value={name} size="sm">
                  {name}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </div>
      )}
      {feed.isPending ? (
        <Loading />
      ) : feed.isError ? (
        <ErrorState error={feed.error} onRetry={() => feed.refetch()} />
      ) : items.length === 0 ? (
        <Empty title={topic ? t("feed.emptyTopicTitle") : t("feed.emptyTitle")}>
          <Text c="dimmed">{topic ? t("feed.emptyTopicText") : t("feed.emptyText")}</Text>
          <Group justify="center">
            {topic && (
              <Button variant="default" component={Link} to="/">
                {t("feed.allTopics")}
              </Button>
            )}
            <Button variant="light" component={Link} to="/suggest">
              {t("feed.suggest")}
            </Button>
          </Group>
        </Empty>
      ) : (
        <Stack gap="md" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
          {items.map((item) => (
            <li key={item.contentId}>
              <FeedCard item={item} onShare={() => setSharing(item)} />
            </li>
          ))}
        </Stack>
      )}
      {feed.hasNextPage && (
        <MoreOnScroll loading={feed.isFetchingNextPage} onMore={() => feed.fetchNextPage()} />
      )}
      {!feed.hasNextPage && items.length > 0 && (
        <Text c="dimmed" ta="center" size="sm">
          {t("feed.end")}{" "}
          <Anchor component={Link} to="/suggest">
            {t("feed.suggest")}
          </Anchor>
        </Text>
      )}
      {sharing && (
        <Suspense fallback={null}>
          <ShareSheet item={sharing} onClose={() => setSharing(undefined)} />
        </Suspense>
      )}
    </Stack>
  );
}

/** Loads the next page when its button scrolls into view; the button works by hand too. */
function MoreOnScroll({ loading, onMore }: { loading: boolean; onMore: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) onMore();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [onMore]);
  return (
    <Button ref={ref} variant="subtle" loading={loading} onClick={onMore}>
      {t("feed.more")}
    </Button>
  );
}
