import { Paper, Progress, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";
import { Queries } from "../queries";

/** The campaigns running now, with how far the whole team has come: an invitation, not a quota. */
export function CampaignBanners() {
  const { t } = useTranslation();
  const format = useFormat();
  const campaigns = useQuery(Queries.campaigns);
  if (!campaigns.data || campaigns.data.campaigns.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-label={t("feed.campaigns")}>
      {campaigns.data.campaigns.map((campaign) => {
        const percent = Math.min(100, Math.round(campaign.progress.ratio * 100));
        return (
          <Paper key={campaign.campaignId} withBorder p="sm" bg="blue.0">
            <Text fw={700}>{campaign.name}</Text>
            <Text size="sm" c="dimmed">
              {t("feed.campaignUntil", { day: format.day(campaign.endDay) })}
            </Text>
            <Progress
              value={percent}
              mt="xs"
              aria-label={t("feed.campaignProgress", { name: campaign.name, percent })}
            />
            <Text size="xs" mt={4}>
              {t("feed.campaignProgress", { name: campaign.name, percent })}
            </Text>
          </Paper>
        );
      })}
    </Stack>
  );
}
