import { Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

/**
 * A chart's numbers as a table behind "Show as a table": the first column names the row,
 * the others are right-aligned figures. Every chart has one (no information by shape alone).
 */
export function ChartTable({
  label,
  columns,
  rows,
}: {
  label: string;
  columns: string[];
  rows: { key: string; cells: string[] }[];
}) {
  const { t } = useTranslation();
  return (
    <details>
      <summary>
        <Text span size="sm">
          {t("admin.chartAsTable")}
        </Text>
      </summary>
      <Table fz="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column, index) => (
              <Table.Th key={column} scope="col" ta={index === 0 ? undefined : "right"}>
                {column}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              {row.cells.map((cell, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells are fixed columns
                <Table.Td key={index} ta={index === 0 ? undefined : "right"}>
                  {cell}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </details>
  );
}
