import { Button, NumberInput, Stack, Text } from "@mantine/core";
import { OrgSettingsPatch } from "@sprida/core/schemas/org/org";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call } from "../../api";
import { ErrorState, Loading } from "../../ui/states";
import { useAdminMutation } from "../ui/admin-mutation";
import { messageFor, useFieldChecks } from "../ui/form-check";
import { SETTINGS_KEY, SettingsQueries } from "./settings-queries";

const RULES = [
  ["perConfirmedShare", "perConfirmedShare"],
  ["perUniqueHumanClick", "perUniqueHumanClick"],
  ["maxClickPointsPerLinkPerDay", "maxClickPoints"],
  ["maxPointVisitorsPerAddressPerLinkPerDay", "maxVisitors"],
] as const;
type Rule = (typeof RULES)[number][0];

/** The points rules, each with what it means and its default. */
export function PointsTab() {
  const { t } = useTranslation();
  const organisation = useQuery(SettingsQueries.organisation());
  const [values, setValues] = useState<Partial<Record<Rule, number | string>>>({});
  const { errors, passes } = useFieldChecks();
  const points = () =>
    Object.fromEntries(
      RULES.map(([rule]) => [
        rule,
        Number(values[rule] ?? organisation.data?.settings.points[rule]),
      ]),
    );
  const save = useAdminMutation({
    mutationFn: () =>
      call(api.PATCH("/api/admin/organisation", { body: { settings: { points: points() } } })),
    invalidate: [SETTINGS_KEY],
    quiet: true,
  });
  if (organisation.isPending) return <Loading />;
  if (organisation.isError)
    return <ErrorState error={organisation.error} onRetry={() => organisation.refetch()} />;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (passes(OrgSettingsPatch, { points: points() })) save.mutate(undefined);
      }}
    >
      <Stack maw={560}>
        <Text>{t("admin.settings.points.intro")}</Text>
        {RULES.map(([rule, words]) => (
          <NumberInput
            key={rule}
            label={t(`admin.settings.points.${words}`)}
            description={t(`admin.settings.points.${words}Help`)}
            min={0}
            allowDecimal={false}
            value={values[rule] ?? organisation.data.settings.points[rule]}
            onChange={(value) => setValues((current) => ({ ...current, [rule]: value }))}
            error={
              messageFor(`points.${rule}`, errors, undefined) ??
              messageFor(`settings.points.${rule}`, {}, save.error)
            }
            w={200}
          />
        ))}
        <Button type="submit" loading={save.isPending} w="fit-content">
          {t("admin.action.save")}
        </Button>
      </Stack>
    </form>
  );
}
