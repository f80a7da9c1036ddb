import { auditWrite } from "../audit";
import { Errors, parseInput } from "../error";
import { loadAdmin, type MembershipRef } from "../member";
import { Runtime } from "../runtime";
import { DEFAULT_SETTINGS } from "./defaults";
import { type ValueSettingsItem, valueSettingsService } from "./settings.entity";
import {
  Settings,
  type SettingsChange,
  SettingsChange as SettingsChangeSchema,
  SettingsVersion,
} from "./settings.schema";

const versionOf = (item: ValueSettingsItem): SettingsVersion =>
  SettingsVersion.parse({
    ...item,
    // A channel added after the version was written takes the default.
    cpc: { ...DEFAULT_SETTINGS.cpc, ...(item.cpc as object) },
  });

const settingsOf = (version: SettingsVersion): Settings => Settings.parse(version);

/** Every version of the organisation's settings, newest first (one query). */
export async function versions(orgId: string): Promise<SettingsVersion[]> {
  const { data } = await valueSettingsService()
    .settings.query.byOrg({ orgId })
    .go({ pages: "all", order: "desc" });
  return data.map(versionOf);
}

/**
 * The settings in force on each local day from `from` to `to`: one query, then a lookup per
 * day. A day before the first version has the defaults.
 */
export async function settingsBetween(
  orgId: string,
  _from: string,
  to: string,
): Promise<(day: string) => Settings> {
  const { data } = await valueSettingsService()
    .settings.query.byOrg({ orgId })
    .lte({ effectiveFrom: to })
    .go({ pages: "all", order: "desc" });
  const newestFirst = data.map(versionOf);
  return (day) => {
    const version = newestFirst.find((candidate) => candidate.effectiveFrom <= day);
    return version ? settingsOf(version) : DEFAULT_SETTINGS;
  };
}

/** The settings in force on one local day. */
export async function settingsOn(orgId: string, day: string): Promise<Settings> {
  return (await settingsBetween(orgId, day, day))(day);
}

/**
 * A new version from a chosen local day: the fields given over the version in force on that
 * day. Earlier days keep theirs, and days already rolled up keep the value they were rolled
 * with until an admin recomputes them. A version from the same day is replaced, with the
 * audit entry saying what it was. Admins only.
 */
export async function setSettings(
  actorRef: MembershipRef,
  input: SettingsChange,
): Promise<SettingsVersion> {
  const actor = await loadAdmin(actorRef);
  const change = parseInput(SettingsChangeSchema, input);
  const base = await settingsOn(actor.orgId, change.effectiveFrom);
  const { effectiveFrom, cpc, cpm, ...fields } = change;
  const settings = Settings.parse({
    ...base,
    ...fields,
    cpc: { ...base.cpc, ...cpc },
    cpm: { ...base.cpm, ...cpm },
  });
  const version: SettingsVersion = {
    ...settings,
    effectiveFrom,
    changedAt: Runtime.use().now().toISOString(),
    changedBy: actor.memberId,
  };
  const { data: replaced } = await valueSettingsService()
    .settings.get({ orgId: actor.orgId, effectiveFrom })
    .go({ consistent: true });
  const result = await valueSettingsService()
    .service.transaction.write((tx) => [
      replaced
        ? tx.settings
            .put({ orgId: actor.orgId, ...version })
            .where((attr, op) => op.eq(attr.changedAt, replaced.changedAt))
            .commit()
        : tx.settings.create({ orgId: actor.orgId, ...version }).commit(),
      auditWrite(tx, {
        orgId: actor.orgId,
        actorMemberId: actor.memberId,
        action: "value.settings_changed",
        details: {
          effectiveFrom,
          before: replaced ? settingsOf(versionOf(replaced)) : base,
          after: settings,
          replacedVersion: Boolean(replaced),
        },
      }),
    ])
    .go();
  if (result.canceled) {
    throw Errors.conflict(
      "value_settings_busy",
      "The settings were changed at the same time. Try again.",
    );
  }
  return version;
}
