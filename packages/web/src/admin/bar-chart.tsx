import { Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

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
      <details>
        <summary>
          <Text span size="sm">
            {t("admin.chartAsTable")}
          </Text>
        </summary>
        <Table fz="sm" aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("admin.day")}</Table.Th>
              <Table.Th scope="col">{label}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {points.map((point) => (
              <Table.Tr key={point.label}>
                <Table.Td>{point.label}</Table.Td>
                <Table.Td>{format(point.value)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </details>
    </figure>
  );
}
