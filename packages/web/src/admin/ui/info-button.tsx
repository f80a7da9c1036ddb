import { ActionIcon, Popover, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * The "i" beside a metric: its formula and the organisation's current settings that go into
 * it, in a popover a keyboard and a screen reader reach like any button.
 */
export function InfoButton({
  metric,
  formula,
  settings,
}: {
  metric: string;
  formula: string;
  settings?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Popover width={300} position="bottom-start" withArrow shadow="md">
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          size="sm"
          radius="xl"
          aria-label={t("admin.info.show", { metric })}
        >
          <Text span fw={700} size="sm" ff="serif" aria-hidden>
            i
          </Text>
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6}>
          <Text fw={700} size="sm">
            {metric}
          </Text>
          <Text size="xs" c="dimmed">
            {t("admin.info.formula")}
          </Text>
          <Text size="sm">{formula}</Text>
          {settings && (
            <>
              <Text size="xs" c="dimmed">
                {t("admin.info.settings")}
              </Text>
              <Text size="sm" component="div">
                {settings}
              </Text>
            </>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
