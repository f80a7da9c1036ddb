import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Queries } from "../queries";

/** Channels whose names are words in the member's language; the rest are brand names. */
const TRANSLATED = new Set(["copy", "email"]);

/** A channel's name as the member reads it ("LinkedIn", "Kopiera länk"). */
export function useChannelName() {
  const { t } = useTranslation();
  const channels = useQuery(Queries.channels);
  return (id: string) =>
    TRANSLATED.has(id)
      ? t(`channel.${id}`)
      : (channels.data?.channels.find((channel) => channel.id === id)?.name ?? id);
}
