import {
  Button,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { SettingsChange } from "@sprida/core/schemas/value/settings";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call } from "../../api";
import { useFormat } from "../../i18n/format";
import { ErrorState, Loading } from "../../ui/states";
import { AdminQueries } from "../admin-queries";
import { localToday } from "../dashboard/period";
import type { ValueSettings } from "../dashboard/report-types";
import { useMoney } from "../dashboard/use-money";
import { useAdminMutation } from "../ui/admin-mutation";
import { messageFor, useFieldChecks } from "../ui/form-check";
import { major, minor } from "./settings-queries";

/** Value and cost settings: a new dated version from a chosen day, and every version. */
export function ValueTab() {
  const settings = useQuery(AdminQueries.valueSettings());
  if (settings.isPending) return <Loading />;
  if (settings.isError)
    return <ErrorState error={settings.error} onRetry={() => settings.refetch()} />;
  return <ValueForm key={settings.dataUpdatedAt} settings={settings.data} />;
}

function ValueForm({ settings }: { settings: ValueSettings }) {
  const { t } = useTranslation();
  const format = useFormat();
  const current = settings.current;
  const money = useMoney(current.currency);
  const [effectiveFrom, setEffectiveFrom] = useState(localToday());
  const [currency, setCurrency] = useState(current.currency);
  const [cpc, setCpc] = useState<Record<string, number | string>>(
    Object.fromEntries(
      Object.entries(current.cpc).map(([channel, amount]) => [channel, major(amount)]),
    ),
  );
  const [fixed, setFixed] = useState<number | string>(major(current.fixedMonthlyCost));
  const [minutes, setMinutes] = useState<number | string>(current.minutesPerShare);
  const [hourly, setHourly] = useState<number | string>(major(current.hourlyCost));
  const [window, setWindow] = useState<number | string>(current.attributionWindowDays);
  const [cpmOn, setCpmOn] = useState(current.cpm.enabled);
  const [cpm, setCpm] = useState<number | string>(major(current.cpm.perMille));
  const { errors, passes } = useFieldChecks();
  const change = () => ({
    effectiveFrom,
    currency,
    cpc: Object.fromEntries(
      Object.entries(cpc).map(([channel, amount]) => [channel, minor(amount)]),
    ),
    fixedMonthlyCost: minor(fixed),
    minutesPerShare: Number(minutes),
    hourlyCost: minor(hourly),
    attributionWindowDays: Number(window),
    cpm: { enabled: cpmOn, perMille: minor(cpm) },
  });
  const save = useAdminMutation({
    mutationFn: () => call(api.PUT("/api/admin/value-settings", { body: change() })),
    invalidate: [AdminQueries.valueSettings().queryKey, ["admin", "overview"]],
    quiet: true,
  });
  const errorFor = (path: string) => messageFor(path, errors, save.error);
  const source = (key: string) => settings.sources[key]?.source ?? "—";
  return (
    <Stack gap="xl" maw={900}>
      <Text>{t("admin.settings.value.intro")}</Text>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (passes(SettingsChange, change())) save.mutate(undefined);
        }}
      >
        <Stack>
          <Group align="flex-start">
            <TextInput
              type="date"
              label={t("admin.settings.value.effectiveFrom")}
              value={effectiveFrom}
              onChange={(event) => setEffectiveFrom(event.currentTarget.value)}
              error={errorFor("effectiveFrom")}
            />
            <TextInput
              label={t("admin.settings.value.currency")}
              value={currency}
              onChange={(event) => setCurrency(event.currentTarget.value.toUpperCase())}
              error={errorFor("currency")}
              w={120}
            />
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            {Object.keys(cpc).map((channel) => (
              <NumberInput
                key={channel}
                label={t("admin.settings.value.cpc", { channel })}
                description={t("admin.settings.value.cpcHelp", {
                  currency,
                  source: source(`cpc.${channel}`),
                })}
                min={0}
                decimalScale={2}
                value={cpc[channel]}
                onChange={(value) => setCpc((all) => ({ ...all, [channel]: value }))}
                error={errorFor(`cpc.${channel}`)}
              />
            ))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <NumberInput
              label={t("admin.settings.value.fixedMonthlyCost")}
              min={0}
              decimalScale={2}
              value={fixed}
              onChange={setFixed}
              error={errorFor("fixedMonthlyCost")}
            />
            <NumberInput
              label={t("admin.settings.value.minutesPerShare")}
              min={0}
              value={minutes}
              onChange={setMinutes}
              error={errorFor("minutesPerShare")}
            />
            <NumberInput
              label={t("admin.settings.value.hourlyCost")}
              min={0}
              decimalScale={2}
              value={hourly}
              onChange={setHourly}
              error={errorFor("hourlyCost")}
            />
            <NumberInput
              label={t("admin.settings.value.attributionWindowDays")}
              min={1}
              max={90}
              allowDecimal={false}
              value={window}
              onChange={setWindow}
              error={errorFor("attributionWindowDays")}
            />
          </SimpleGrid>
          <Group align="flex-end">
            <Switch
              label={t("admin.settings.value.cpmEnabled")}
              checked={cpmOn}
              onChange={(event) => setCpmOn(event.currentTarget.checked)}
            />
            {cpmOn && (
              <NumberInput
                label={t("admin.settings.value.cpm")}
                min={0}
                decimalScale={2}
                value={cpm}
                onChange={setCpm}
                error={errorFor("cpm.perMille")}
              />
            )}
          </Group>
          <Button type="submit" loading={save.isPending} w="fit-content">
            {t("admin.settings.value.save")}
          </Button>
        </Stack>
      </form>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t("admin.settings.value.history")}
        </Title>
        <Table aria-label={t("admin.settings.value.history")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("admin.settings.value.column.from")}</Table.Th>
              <Table.Th scope="col">{t("admin.settings.value.column.cpc")}</Table.Th>
              <Table.Th scope="col">{t("admin.settings.value.column.fixed")}</Table.Th>
              <Table.Th scope="col">{t("admin.settings.value.column.changed")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {settings.versions.map((version) => (
              <Table.Tr
                key={`${version.effectiveFrom}-${version.changedAt}`}
                data-testid={`version-${version.effectiveFrom}`}
              >
                <Table.Td>{format.day(version.effectiveFrom)}</Table.Td>
                <Table.Td>{money(version.cpc.linkedin ?? 0)}</Table.Td>
                <Table.Td>{money(version.fixedMonthlyCost)}</Table.Td>
                <Table.Td>{format.age(version.changedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Stack>
  );
}
