import { Chip, Group, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Queries } from "../queries";

/** Topics to follow: they come first in my feed (they never hide the others). */
export function TopicsPicker({
  value,
  onChange,
}: {
  value: string[];
  onChange: (value: string[]) => void;
}) {
  const { t } = useTranslation();
  const topics = useQuery(Queries.topics);
  const names = [
    ...new Set([...(topics.data?.topics.map((topic) => topic.topic) ?? []), ...value]),
  ];
  if (names.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("profile.noTopics")}
      </Text>
    );
  }
  return (
    <>
      <Text size="sm" c="dimmed">
        {t("profile.topicsWhy")}
      </Text>
      <Chip.Group multiple value={value} onChange={onChange}>
        <Group gap="xs" mt="xs" role="group" aria-label={t("profile.topics")}>
          {names.map((name) => (
            <Chip key={name} value={name}>
              {name}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </>
  );
}
