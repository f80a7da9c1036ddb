import { Anchor, List } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { AdminQueries } from "../admin-queries";
import { InfoButton } from "../ui/info-button";
import type { TileId } from "./metrics";
import { useMoney } from "./use-money";

/** Which of the organisation's value settings go into a metric. */
const USES: Partial<Record<TileId, ("cpc" | "fixed" | "time" | "cpm" | "window")[]>> = {
  emv: ["cpc"],
  valueRatio: ["cpc", "cpm", "fixed", "time"],
  cashRoi: ["fixed", "time", "window"],
};

/** The "i" beside a metric: its formula, and the organisation's settings in force today. */
export function MetricInfo({ id, label }: { id: TileId | "sharers"; label: string }) {
  const { t } = useTranslation();
  const uses = id === "sharers" ? undefined : USES[id];
  return (
    <InfoButton
      metric={label}
      formula={t(`admin.formula.${id}`)}
      settings={uses ? <CurrentSettings uses={uses} /> : undefined}
    />
  );
}

function CurrentSettings({ uses }: { uses: NonNullable<(typeof USES)[TileId]> }) {
  const { t, i18n } = useTranslation();
  const settings = useQuery(AdminQueries.valueSettings());
  const money = useMoney(settings.data?.current.currency);
  if (!settings.data) return null;
  const current = settings.data.current;
  const cpcs = Object.entries(current.cpc)
    .filter(([, amount]) => amount > 0)
    .map(([channel, amount]) => `${channel} ${money(amount)}`);
  const lines = {
    cpc: t("admin.inForce.cpc", {
      list: new Intl.ListFormat(i18n.language, { type: "conjunction" }).format(cpcs),
    }),
    fixed: t("admin.inForce.fixed", { amount: money(current.fixedMonthlyCost) }),
    time: t("admin.inForce.time", {
      minutes: current.minutesPerShare,
      amount: money(current.hourlyCost),
    }),
    cpm: current.cpm.enabled
      ? t("admin.inForce.cpm", { amount: money(current.cpm.perMille) })
      : t("admin.inForce.cpmOff"),
    window: t("admin.inForce.window", { days: current.attributionWindowDays }),
  };
  return (
    <>
      <List size="sm" spacing={2}>
        {uses.map((use) => (
          <List.Item key={use}>{lines[use]}</List.Item>
        ))}
      </List>
      <Anchor component={Link} to="/admin/settings" size="sm">
        {t("admin.inForce.edit")}
      </Anchor>
    </>
  );
}
