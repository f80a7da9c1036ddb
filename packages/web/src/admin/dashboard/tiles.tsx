import { Badge, Group, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";
import { MetricInfo } from "./metric-info";
import { TILE_KIND, TILES, type TileId, tileValue } from "./metrics";
import { changeFrom } from "./period";
import type { Overview } from "./report-types";
import { useMoney, useRatios } from "./use-money";

/**
 * The programme's figures for the period, each with its change from the period before (in
 * words and an arrow, not colour alone), its formula behind the "i", and provisional marks.
 */
export function Tiles({ overview, previous }: { overview: Overview; previous?: Overview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(overview.value.currency);
  const { percent, ratio } = useRatios();
  const show = (id: TileId, value: number | null) => {
    if (value === null) return "—";
    switch (TILE_KIND[id]) {
      case "money":
        return money(value);
      case "percent":
        return percent(value);
      case "ratio":
        return ratio(value);
      default:
        return format.number(value);
    }
  };
  const { value, participation, freshness } = overview;
  const notes: Partial<Record<TileId, string>> = {
    participation: t("admin.tile.participationNote", {
      sharers: participation.sharers,
      optedIn: participation.optedIn,
      invited: participation.invitedNotJoined,
    }),
    reach: t("admin.tile.reachNote"),
    emv: t("admin.tile.emvNote"),
    valueRatio:
      value.valueRatio === null
        ? t("admin.tile.noCost")
        : t("admin.tile.cost", { cost: money(value.cost) }),
    cashRoi: value.cashRoi === null ? t("admin.tile.noCost") : undefined,
  };
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
      {TILES.map((id) => {
        const label = t(`admin.tile.${id}`);
        const current = tileValue(id, overview);
        const change = previous ? changeFrom(tileValue(id, previous), current) : null;
        const provisional = id === "cashRoi" && freshness.provisional;
        return (
          <Paper
            key={id}
            withBorder
            p="md"
            data-testid={`tile-${id}`}
            style={provisional ? { backgroundImage: HATCH } : undefined}
          >
            <Stack gap={4}>
              <Group gap={4} justify="space-between" wrap="nowrap">
                <Text size="sm" c="dimmed">
                  {label}
                </Text>
                <MetricInfo id={id} label={label} />
              </Group>
              <Group gap="xs" align="baseline">
                <Text size="xl" fw={700} data-testid={`tile-${id}-value`}>
                  {show(id, current)}
                </Text>
                {provisional && (
                  <Badge
                    variant="outline"
                    color="gray"
                    size="sm"
                    title={t("admin.tile.provisional")}
                  >
                    {t("admin.provisionalMark")}
                  </Badge>
                )}
              </Group>
              {previous && <ChangeLine change={change} />}
              {notes[id] && (
                <Text size="xs" c="dimmed">
                  {notes[id]}
                </Text>
              )}
              {provisional && (
                <Text size="xs" c="dimmed">
                  {t("admin.tile.provisional")}
                </Text>
              )}
            </Stack>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}

/** Diagonal lines behind a provisional figure (with the word "Provisional" beside it too). */
const HATCH =
  "repeating-linear-gradient(135deg, transparent 0 8px, var(--mantine-color-gray-1) 8px 10px)";

function ChangeLine({ change }: { change: number | null }) {
  const { t } = useTranslation();
  const { percent } = useRatios();
  const text =
    change === null
      ? t("admin.change.none")
      : change === 0
        ? t("admin.change.same")
        : t(change > 0 ? "admin.change.up" : "admin.change.down", {
            value: percent(Math.abs(change)),
          });
  return (
    <Text size="xs" data-testid="change">
      {text}
    </Text>
  );
}
