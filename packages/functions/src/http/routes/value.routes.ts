import { Org } from "@sprida/core/org";
import { Runtime } from "@sprida/core/runtime";
import { Value } from "@sprida/core/value";
import { z } from "zod";
import { actorOf, session } from "../callers";
import { defineRoute } from "../route";

const ValueSettingsView = z.object({
  /** The settings in force today (the organisation's local day). */
  current: Value.Settings,
  /** Every version, newest first. */
  versions: z.array(Value.SettingsVersion),
  defaults: Value.Settings,
  /** Where each default comes from ("cpc.linkedin", "hourlyCost"...). */
  sources: z.record(
    z.string(),
    z.object({ source: z.string(), url: z.string().optional(), note: z.string() }),
  ),
});

/** The organisation's value and cost settings, kept as dated versions (issue 12). */
export const ValueRoutes = [
  defineRoute({
    method: "get",
    path: "/api/admin/value-settings",
    summary:
      "The value and cost settings in force today, every dated version, and the defaults with their sources",
    tag: "Reports",
    access: session("admin"),
    response: ValueSettingsView,
    handler: async ({ caller }) => {
      const org = await Org.get(caller.orgId);
      const today = Org.localDay(org.timeZone, Runtime.use().now());
      const [current, versions] = await Promise.all([
        Value.settingsOn(caller.orgId, today),
        Value.versions(caller.orgId),
      ]);
      return {
        current,
        versions,
        defaults: Value.DEFAULT_SETTINGS,
        sources: Value.DEFAULT_SOURCES,
      };
    },
  }),
  defineRoute({
    method: "put",
    path: "/api/admin/value-settings",
    summary:
      "A new version of the value and cost settings from a chosen local day (the fields given over the version in force then; audited)",
    tag: "Reports",
    access: session("admin"),
    body: Value.SettingsChange,
    response: Value.SettingsVersion,
    handler: async ({ caller, body }) => Value.setSettings(actorOf(caller), body),
  }),
];
