import { useTranslation } from "react-i18next";
import { ChartTable } from "./ui/chart-table";

/**
 * Bars of one value per day, in plain SVG, labelled for screen readers and followed by the
 * same numbers as a table (no information by shape alone; no chart library to load).
 */
export function BarChart({
  points,
  label,
  format,
}: {
  points: { label: string; value: number }[];
  label: string;
  format: (value: number) => string;
}) {
  const { t } = useTranslation();
  const max = Math.max(1, ...points.map((point) => point.value));
  const width = 720;
  const height = 160;
  const step = width / Math.max(1, points.length);
  return (
    <figure style={{ margin: 0 }}>
      <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width="100%">
        {points.map((point, index) => {
          const barHeight = (point.value / max) * (height - 4);
          return (
            <rect
              key={point.label}
              x={index * step + 1}
              y={height - barHeight}
              width={Math.max(1, step - 2)}
              height={barHeight}
              fill="var(--mantine-primary-color-filled)"
            />
          );
        })}
      </svg>
      <ChartTable
        label={label}
        columns={[t("admin.day"), label]}
        rows={points.map((point) => ({
          key: point.label,
          cells: [point.label, format(point.value)],
        }))}
      />
    </figure>
  );
}
