import { useQuery } from "@tanstack/react-query";
import { Queries } from "../queries";

/** A channel's name as the API lists it ("LinkedIn"), or its id until the list has loaded. */
export function useChannelName() {
  const channels = useQuery(Queries.channels);
  return (id: string) => channels.data?.channels.find((channel) => channel.id === id)?.name ?? id;
}
