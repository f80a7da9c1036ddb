import { Checkbox, Group, NumberInput, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Queries } from "../queries";
import { useChannelName } from "../share/channel-names";

export type ChannelChoice = { channel: string; networkSize: number };

/**
 * The networks I use, each with about how many people I reach there. The size is only ever
 * added up as *potential* reach; the hub says so next to the question.
 */
export function ChannelsEditor({
  value,
  onChange,
}: {
  value: ChannelChoice[];
  onChange: (value: ChannelChoice[]) => void;
}) {
  const { t } = useTranslation();
  const channels = useQuery(Queries.channels);
  const channelName = useChannelName();
  const networks = (channels.data?.channels ?? []).filter((channel) => channel.id !== "copy");
  const chosen = new Map(value.map((choice) => [choice.channel, choice]));
  const toggle = (id: string, on: boolean) =>
    onChange(
      on ? [...value, { channel: id, networkSize: 0 }] : value.filter((c) => c.channel !== id),
    );
  const setSize = (id: string, size: number) =>
    onChange(value.map((c) => (c.channel === id ? { ...c, networkSize: size } : c)));
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t("profile.channelsWhy")}
      </Text>
      {networks.map((channel) => {
        const choice = chosen.get(channel.id);
        return (
          <Group key={channel.id} justify="space-between" wrap="nowrap" mih={44}>
            <Checkbox
              label={channelName(channel.id)}
              checked={choice !== undefined}
              onChange={(event) => toggle(channel.id, event.currentTarget.checked)}
            />
            {choice && (
              <NumberInput
                aria-label={t("profile.networkSize", { name: channelName(channel.id) })}
                placeholder={t("profile.networkSizePlaceholder")}
                value={choice.networkSize}
                onChange={(size) => setSize(channel.id, typeof size === "number" ? size : 0)}
                min={0}
                max={100_000_000}
                allowDecimal={false}
                allowNegative={false}
                thousandSeparator=" "
                w={140}
              />
            )}
          </Group>
        );
      })}
    </Stack>
  );
}
