import {
  Button,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from "@mantine/core";
import { OrganisationPatch } from "@sprida/core/schemas/org/org";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call } from "../../api";
import type { paths } from "../../api/api-types";
import { Queries } from "../../hub/queries";
import { ErrorState, Loading } from "../../ui/states";
import { useAdminMutation } from "../ui/admin-mutation";
import { messageFor, useFieldChecks } from "../ui/form-check";
import { SETTINGS_KEY, SettingsQueries } from "./settings-queries";

type Organisation =
  paths["/api/admin/organisation"]["get"]["responses"][200]["content"]["application/json"];
const ZONES = Intl.supportedValuesOf("timeZone");

/** The organisation: name, language, time zone, link address, own domains and networks. */
export function OrganisationTab() {
  const organisation = useQuery(SettingsQueries.organisation());
  if (organisation.isPending) return <Loading />;
  if (organisation.isError)
    return <ErrorState error={organisation.error} onRetry={() => organisation.refetch()} />;
  return <OrganisationForm key={organisation.dataUpdatedAt} organisation={organisation.data} />;
}

function OrganisationForm({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const [name, setName] = useState(organisation.name);
  const [locale, setLocale] = useState(organisation.locale);
  const [timeZone, setTimeZone] = useState(organisation.timeZone);
  const [publicOrigin, setPublicOrigin] = useState(organisation.publicOrigin);
  const [ownDomains, setOwnDomains] = useState(organisation.ownDomains);
  const [internalNetworks, setInternalNetworks] = useState(organisation.internalNetworks);
  const [utmMedium, setUtmMedium] = useState(organisation.settings.utmMedium);
  const [approval, setApproval] = useState(organisation.settings.curatorsNeedApproval);
  const { errors, passes } = useFieldChecks();
  const patch = () => ({
    name,
    locale,
    timeZone,
    ownDomains,
    internalNetworks,
    ...(publicOrigin !== organisation.publicOrigin && { publicOrigin }),
    settings: { utmMedium, curatorsNeedApproval: approval },
  });
  const save = useAdminMutation({
    mutationFn: () => call(api.PATCH("/api/admin/organisation", { body: patch() })),
    invalidate: [SETTINGS_KEY, Queries.session.queryKey, Queries.organisation.queryKey],
    quiet: true,
  });
  const errorFor = (path: string) => {
    const nested = Object.keys(errors).find((key) => key.startsWith(`${path}.`));
    return messageFor(path, errors, save.error) ?? (nested ? errors[nested] : undefined);
  };
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (passes(OrganisationPatch, patch())) save.mutate(undefined);
      }}
    >
      <Stack maw={720}>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TextInput
            label={t("admin.settings.org.name")}
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errorFor("name")}
          />
          <Select
            label={t("admin.settings.org.language")}
            value={locale}
            onChange={(value) => value && setLocale(value as typeof locale)}
            data={[
              { value: "sv", label: "Svenska" },
              { value: "en", label: "English" },
            ]}
            allowDeselect={false}
          />
          <Select
            label={t("admin.settings.org.timeZone")}
            description={t("admin.settings.org.timeZoneHelp")}
            searchable
            value={timeZone}
            onChange={(value) => value && setTimeZone(value)}
            data={ZONES}
            allowDeselect={false}
            error={errorFor("timeZone")}
          />
          {organisation.publicOriginChoices.length > 1 && (
            <Select
              label={t("admin.settings.org.publicOrigin")}
              value={publicOrigin}
              onChange={(value) => value && setPublicOrigin(value)}
              data={organisation.publicOriginChoices}
              allowDeselect={false}
              error={errorFor("publicOrigin")}
            />
          )}
        </SimpleGrid>
        <TagsInput
          label={t("admin.settings.org.ownDomains")}
          description={t("admin.settings.org.ownDomainsHelp")}
          value={ownDomains}
          onChange={setOwnDomains}
          error={errorFor("ownDomains")}
        />
        <TextInput
          label={t("admin.settings.org.utmMedium")}
          value={utmMedium}
          onChange={(event) => setUtmMedium(event.currentTarget.value)}
          error={errorFor("settings.utmMedium")}
          w={320}
        />
        <TagsInput
          label={t("admin.settings.org.internalNetworks")}
          description={t("admin.settings.org.internalNetworksHelp")}
          value={internalNetworks}
          onChange={setInternalNetworks}
          error={errorFor("internalNetworks")}
        />
        <Switch
          label={t("admin.settings.org.curatorsNeedApproval")}
          checked={approval}
          onChange={(event) => setApproval(event.currentTarget.checked)}
        />
        {save.error && Object.keys(errors).length === 0 && !errorFor("ownDomains") && (
          <Text c="red" role="alert">
            {save.error.message}
          </Text>
        )}
        <Button type="submit" loading={save.isPending} w="fit-content">
          {t("admin.action.save")}
        </Button>
      </Stack>
    </form>
  );
}
