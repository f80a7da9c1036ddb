import { Group, SegmentedControl, Select, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Range } from "../admin-queries";
import { PRESETS, type Preset } from "./period";
import type { Overview } from "./report-types";

const FIELDS = ["office", "unit", "competenceArea"] as const;

/** "unit:Sälj" in the page's language: "Enhet: Sälj". */
export function useSegmentName() {
  const { t } = useTranslation();
  return (key: string) => {
    const [field = "", ...value] = key.split(":");
    const known = FIELDS.find((candidate) => candidate === field);
    return `${known ? t(`admin.segmentField.${known}`) : field}: ${value.join(":")}`;
  };
}

export interface RangeChoice {
  preset: Preset;
  /** The days typed for "custom" (kept while they are incomplete or wrong). */
  custom: Partial<Range>;
  segment?: string;
}

/**
 * The dashboard's top bar: a preset or chosen days, and a segment (only those the API offers:
 * groups of five or more that cannot be worked out from the rest).
 */
export function RangeBar({
  choice,
  onChange,
  problem,
  today,
  segments,
}: {
  choice: RangeChoice;
  onChange: (choice: RangeChoice) => void;
  problem?: string;
  today: string;
  segments: Overview["segments"];
}) {
  const { t } = useTranslation();
  const segmentName = useSegmentName();
  return (
    <Group align="flex-end" gap="md" wrap="wrap">
      <SegmentedControl
        aria-label={t("admin.range")}
        value={choice.preset}
        onChange={(preset) => onChange({ ...choice, preset: preset as Preset })}
        data={PRESETS.map((preset) => ({ value: preset, label: t(`admin.preset.${preset}`) }))}
      />
      {choice.preset === "custom" && (
        <Group gap="xs" align="flex-start">
          <TextInput
            type="date"
            label={t("admin.fromDay")}
            value={choice.custom.from ?? ""}
            max={today}
            onChange={(event) =>
              onChange({ ...choice, custom: { ...choice.custom, from: event.currentTarget.value } })
            }
            error={problem ? t(`admin.rangeProblem.${problem as "order"}`) : undefined}
          />
          <TextInput
            type="date"
            label={t("admin.toDay")}
            value={choice.custom.to ?? ""}
            max={today}
            onChange={(event) =>
              onChange({ ...choice, custom: { ...choice.custom, to: event.currentTarget.value } })
            }
          />
        </Group>
      )}
      <Select
        label={t("admin.segment")}
        description={t("admin.segmentHelp")}
        value={choice.segment ?? ""}
        onChange={(segment) => onChange({ ...choice, segment: segment || undefined })}
        data={[
          { value: "", label: t("admin.wholeOrganisation") },
          ...segments.map((segment) => ({
            value: segment.key,
            label: `${segmentName(segment.key)} (${segment.members})`,
          })),
        ]}
        allowDeselect={false}
        w={260}
      />
    </Group>
  );
}
