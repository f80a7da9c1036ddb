import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { paths } from "../../api";
import { api, call } from "../../api";
import { Queries } from "../queries";

export type ProfilePatch = NonNullable<
  paths["/api/me"]["patch"]["requestBody"]
>["content"]["application/json"];

/** Saves part of my profile; the answer replaces the cached profile, the feed re-orders. */
export function useSaveProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ProfilePatch) => call(api.PATCH("/api/me", { body: patch })),
    onSuccess: (profile) => {
      queryClient.setQueryData(Queries.me.queryKey, profile);
      void queryClient.invalidateQueries({ queryKey: ["feed"] });
      void queryClient.invalidateQueries({ queryKey: ["leaderboard"] });
    },
  });
}
