import { Stack, Tabs } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Queries } from "../../hub/queries";
import { PageHeader } from "../ui/page-header";
import { ConversionsTab } from "./conversions-tab";
import { OrganisationTab } from "./organisation-tab";
import { PointsTab } from "./points-tab";
import { ValueTab } from "./value-tab";
import { WebhooksTab } from "./webhooks-tab";

/** The settings in tabs; conversion keys only for owners (as the API decides). */
export function SettingsPage() {
  const { t } = useTranslation();
  const session = useQuery(Queries.session);
  const owner = session.data?.role === "owner";
  const [tab, setTab] = useState<string | null>("organisation");
  return (
    <Stack gap="lg">
      <PageHeader title={t("admin.settings.title")} description={t("admin.settings.intro")} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="organisation">{t("admin.settings.tab.organisation")}</Tabs.Tab>
          <Tabs.Tab value="points">{t("admin.settings.tab.points")}</Tabs.Tab>
          <Tabs.Tab value="value">{t("admin.settings.tab.value")}</Tabs.Tab>
          {owner && <Tabs.Tab value="conversions">{t("admin.settings.tab.conversions")}</Tabs.Tab>}
          <Tabs.Tab value="webhooks">{t("admin.settings.tab.webhooks")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="organisation">
          <OrganisationTab />
        </Tabs.Panel>
        <Tabs.Panel value="points">
          <PointsTab />
        </Tabs.Panel>
        <Tabs.Panel value="value">
          <ValueTab />
        </Tabs.Panel>
        {owner && (
          <Tabs.Panel value="conversions">
            <ConversionsTab />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="webhooks">
          <WebhooksTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
