import type { BlockList } from "node:net";
import { readOrgClickFields } from "../org/org.lean";
import { readThrough } from "../runtime";
import { rangeList } from "./address";

/** What the click path needs of an organisation, with its ranges ready to test. */
export interface ClickSettings {
  orgId: string;
  timeZone: string;
  ownDomains: readonly string[];
  internalNetworks: BlockList;
}

/** A change of settings reaches the click path within a minute. */
const cached = readThrough<ClickSettings | undefined>({ ttlMs: () => 60_000, maxEntries: 2_000 });

/**
 * The organisation's click settings, cached; undefined for an organisation that is gone.
 * Read through the lean store (../org/org.lean.ts), so the redirect's bundle has no ElectroDB.
 */
export function clickSettings(orgId: string): Promise<ClickSettings | undefined> {
  return cached(orgId, async () => {
    const org = await readOrgClickFields(orgId);
    if (!org) return undefined;
    return {
      orgId,
      timeZone: org.timeZone,
      ownDomains: org.ownDomains,
      internalNetworks: rangeList(org.internalNetworks),
    };
  });
}
