import { queryOptions } from "@tanstack/react-query";
import { api, call } from "../../api";

export const SETTINGS_KEY = ["admin", "settings"];

export const SettingsQueries = {
  organisation: () =>
    queryOptions({
      queryKey: [...SETTINGS_KEY, "organisation"],
      queryFn: () => call(api.GET("/api/admin/organisation")),
    }),
  signingKeys: () =>
    queryOptions({
      queryKey: [...SETTINGS_KEY, "signing-keys"],
      queryFn: () => call(api.GET("/api/admin/signing-keys")),
    }),
  webhooks: () =>
    queryOptions({
      queryKey: [...SETTINGS_KEY, "webhooks"],
      queryFn: () => call(api.GET("/api/webhooks")),
    }),
  deliveries: (webhookId: string) =>
    queryOptions({
      queryKey: [...SETTINGS_KEY, "webhooks", webhookId, "deliveries"],
      queryFn: () =>
        call(api.GET("/api/webhooks/{webhookId}/deliveries", { params: { path: { webhookId } } })),
    }),
};

/** Minor units (öre, cents) as the number a person types, and back. */
export const major = (minor: number) => minor / 100;
export const minor = (major: number | string) => Math.round(Number(major) * 100);
