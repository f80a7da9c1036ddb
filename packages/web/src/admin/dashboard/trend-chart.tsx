import { useTranslation } from "react-i18next";
import { ChartTable } from "../ui/chart-table";

export interface TrendPoint {
  label: string;
  value: number;
  /** The same position in the period before (absent when it was shorter). */
  previous?: number;
}

/** Round steps from 0 to at least `max`: 0, 1, 2, 3 or 0, 50, 100, 150… (at most five). */
export function niceTicks(max: number): number[] {
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(1, rough)));
  const step = Math.max(
    1,
    [1, 2, 5, 10].map((m) => m * magnitude).find((m) => m >= rough) ?? magnitude * 10,
  );
  const top = Math.ceil(max / step) * step;
  return Array.from({ length: top / step + 1 }, (_, index) => index * step);
}

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 28, left: 56 };

/**
 * This period as a solid line over the period before as a dashed one, in plain SVG: labelled
 * for screen readers, and the same numbers as a table. Loaded only where a chart is shown.
 */
export function TrendChart({
  points,
  label,
  format,
}: {
  points: TrendPoint[];
  label: string;
  format: (value: number) => string;
}) {
  const { t } = useTranslation();
  const ticks = niceTicks(
    Math.max(1, ...points.flatMap((point) => [point.value, point.previous ?? 0])),
  );
  const max = ticks[ticks.length - 1] ?? 1;
  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (index: number) =>
    PAD.left + (points.length <= 1 ? innerWidth / 2 : (index / (points.length - 1)) * innerWidth);
  const y = (value: number) => PAD.top + innerHeight - (value / max) * innerHeight;
  const line = (values: (number | undefined)[]) =>
    values
      .map((value, index) => (value === undefined ? "" : `${x(index)},${y(value)}`))
      .filter(Boolean)
      .join(" ");
  const labelled = [0, Math.floor((points.length - 1) / 2), points.length - 1];
  return (
    <figure style={{ margin: 0 }}>
      <svg role="img" aria-label={label} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%">
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={y(tick)}
              y2={y(tick)}
              stroke="var(--mantine-color-gray-3)"
            />
            <text
              x={PAD.left - 6}
              y={y(tick) + 4}
              textAnchor="end"
              fontSize="11"
              fill="var(--mantine-color-gray-7)"
            >
              {format(tick)}
            </text>
          </g>
        ))}
        {[...new Set(labelled)].map((index) =>
          points[index] ? (
            <text
              key={index}
              x={x(index)}
              y={HEIGHT - 8}
              textAnchor="middle"
              fontSize="11"
              fill="var(--mantine-color-gray-7)"
            >
              {points[index].label}
            </text>
          ) : null,
        )}
        <polyline
          points={line(points.map((point) => point.previous))}
          fill="none"
          stroke="var(--mantine-color-gray-6)"
          strokeWidth="2"
          strokeDasharray="6 4"
        />
        <polyline
          points={line(points.map((point) => point.value))}
          fill="none"
          stroke="var(--mantine-primary-color-filled)"
          strokeWidth="2.5"
        />
        {points.map((point, index) => (
          <circle
            key={point.label}
            cx={x(index)}
            cy={y(point.value)}
            r="3"
            fill="var(--mantine-primary-color-filled)"
          />
        ))}
      </svg>
      <ChartTable
        label={label}
        columns={[t("admin.period"), t("admin.thisPeriod"), t("admin.previousPeriod")]}
        rows={points.map((point) => ({
          key: point.label,
          cells: [
            point.label,
            format(point.value),
            point.previous === undefined ? "—" : format(point.previous),
          ],
        }))}
      />
    </figure>
  );
}
