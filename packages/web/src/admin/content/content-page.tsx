import { Button, Checkbox, Group, Select, Stack, Table, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call } from "../../api";
import { useFormat } from "../../i18n/format";
import { Empty, ErrorState, Loading } from "../../ui/states";
import { PageHeader } from "../ui/page-header";
import { AddByUrlDialog } from "./add-by-url-dialog";
import { type ContentFilter, ContentQueries } from "./content-queries";
import { ItemLink } from "./item-link";
import { StatusBadge } from "./status-badge";

const STATUSES = ["draft", "scheduled", "published", "archived"] as const;

/**
 * The library: every item with its status, filtered by status, topic and campaign on the
 * server, by words, language and featured on the page; pages of 50 with "load more".
 */
export function ContentPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [adding, { open, close }] = useDisclosure(false);
  const [filter, setFilter] = useState<Omit<ContentFilter, "cursor" | "limit">>({});
  const [words, setWords] = useState("");
  const [language, setLanguage] = useState<string | null>(null);
  const [featuredOnly, setFeaturedOnly] = useState(false);
  const campaigns = useQuery({ ...ContentQueries.campaigns(), retry: false });
  const pages = useInfiniteQuery({
    queryKey: ["admin", "content", "library", filter],
    queryFn: ({ pageParam }) =>
      call(
        api.GET("/api/content", {
          params: { query: { ...filter, limit: 50, ...(pageParam && { cursor: pageParam }) } },
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (last) => last.cursor ?? undefined,
  });
  const items = (pages.data?.pages.flatMap((page) => page.items) ?? []).filter(
    (item) =>
      (!words || item.title.toLowerCase().includes(words.toLowerCase())) &&
      (!language || item.language === language) &&
      (!featuredOnly || item.featured),
  );
  const filtered =
    Object.keys(filter).length > 0 || words !== "" || language !== null || featuredOnly;
  return (
    <Stack gap="lg">
      <PageHeader
        title={t("admin.content.title")}
        description={t("admin.content.intro")}
        actions={<Button onClick={open}>{t("admin.content.add")}</Button>}
      />
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={t("admin.content.search")}
          value={words}
          onChange={(event) => setWords(event.currentTarget.value)}
          w={220}
        />
        <Select
          label={t("admin.content.status.label")}
          placeholder={t("admin.any")}
          clearable
          value={filter.status ?? null}
          onChange={(status) =>
            setFilter(({ status: _, ...rest }) => ({
              ...rest,
              ...(status && { status: status as ContentFilter["status"] }),
            }))
          }
          data={STATUSES.map((status) => ({
            value: status,
            label: t(`admin.content.status.${status}`),
          }))}
          w={170}
        />
        <TextInput
          label={t("admin.content.topic")}
          value={filter.topic ?? ""}
          onChange={(event) => {
            const topic = event.currentTarget.value.trim();
            setFilter(({ topic: _, ...rest }) => ({ ...rest, ...(topic && { topic }) }));
          }}
          w={160}
        />
        {campaigns.data && (
          <Select
            label={t("admin.content.campaign")}
            placeholder={t("admin.any")}
            clearable
            value={filter.campaignId ?? null}
            onChange={(campaignId) =>
              setFilter(({ campaignId: _, ...rest }) => ({
                ...rest,
                ...(campaignId && { campaignId }),
              }))
            }
            data={campaigns.data.campaigns.map((campaign) => ({
              value: campaign.campaignId,
              label: campaign.name,
            }))}
            w={200}
          />
        )}
        <Select
          label={t("admin.content.language")}
          placeholder={t("admin.any")}
          clearable
          value={language}
          onChange={setLanguage}
          data={(["sv", "en"] as const).map((value) => ({
            value,
            label: t(`admin.content.languages.${value}`),
          }))}
          w={140}
        />
        <Checkbox
          label={t("admin.content.featuredOnly")}
          checked={featuredOnly}
          onChange={(event) => setFeaturedOnly(event.currentTarget.checked)}
          mb={8}
        />
        {filtered && (
          <Button
            variant="subtle"
            onClick={() => {
              setFilter({});
              setWords("");
              setLanguage(null);
              setFeaturedOnly(false);
            }}
          >
            {t("admin.action.clearFilters")}
          </Button>
        )}
      </Group>
      {pages.isPending ? (
        <Loading />
      ) : pages.isError ? (
        <ErrorState error={pages.error} onRetry={() => pages.refetch()} />
      ) : items.length === 0 ? (
        <Empty title={filtered ? t("admin.content.noMatch") : t("admin.content.empty")}>
          {!filtered && <Button onClick={open}>{t("admin.content.add")}</Button>}
        </Empty>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover aria-label={t("admin.content.title")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("admin.content.column.title")}</Table.Th>
                <Table.Th scope="col">{t("admin.content.column.status")}</Table.Th>
                <Table.Th scope="col">{t("admin.content.column.topics")}</Table.Th>
                <Table.Th scope="col">{t("admin.content.column.language")}</Table.Th>
                <Table.Th scope="col">{t("admin.content.column.updated")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.contentId} data-testid={`content-${item.contentId}`}>
                  <Table.Td>
                    <ItemLink contentId={item.contentId}>{item.title}</ItemLink>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge item={item} />
                  </Table.Td>
                  <Table.Td>{item.topics.join(", ")}</Table.Td>
                  <Table.Td>{t(`admin.content.languages.${item.language}`)}</Table.Td>
                  <Table.Td>{format.age(item.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pages.hasNextPage && (
        <Button
          variant="default"
          onClick={() => pages.fetchNextPage()}
          loading={pages.isFetchingNextPage}
          w="fit-content"
        >
          {t("admin.action.loadMore")}
        </Button>
      )}
      <AddByUrlDialog opened={adding} onClose={close} />
    </Stack>
  );
}
