import { createHmac } from "node:crypto";
import { localDay } from "../day/zone.lean";
import { Runtime } from "../runtime";
import { normaliseAddress } from "./address";
import { saltFor } from "./salt";
import { clickSettings } from "./settings";

/** A visitor hash and the organisation's local day it belongs to (its salt's day). */
export interface Visitor {
  visitor: string;
  day: string;
}

/** What a click records of its client: the visitor, and the address alone (see below). */
export interface ClickHashes extends Visitor {
  addressHash: string;
}

const hash = (salt: Buffer, text: string) =>
  createHmac("sha256", salt).update(text).digest("base64url").slice(0, 22);

/**
 * Visitor = HMAC-SHA256(salt of the organisation's day, address + "\n" + User-Agent),
 * base64url, 22 characters (132 bits). Address hash = the same HMAC of "address\n" +
 * address alone, under the same salt (so it dies with it): it lets the tally limit how many
 * visitors from one address earn points, as rotating User-Agents makes new visitors. The
 * prefix keeps the two inputs apart. The address is hashed at once and goes nowhere else.
 */
export async function visitorHash(input: {
  orgId: string;
  timeZone: string;
  address: string | undefined;
  userAgent: string;
  at: Date;
}): Promise<ClickHashes> {
  const day = localDay(input.timeZone, input.at);
  const salt = await saltFor(input.orgId, day);
  // No trusted address (never on AWS or locally) hashes as one shared, empty address.
  const address = normaliseAddress(input.address) ?? "";
  return {
    visitor: hash(salt, `${address}\n${input.userAgent}`),
    addressHash: hash(salt, `address\n${address}`),
    day,
  };
}

/**
 * The caller's visitor hash in an organisation now, as its click path would compute it
 * (the hub uses this to remember a member's own visitor).
 */
export async function visitorOf(
  orgId: string,
  client: { address: string | undefined; userAgent: string },
): Promise<Visitor> {
  const settings = await clickSettings(orgId);
  if (!settings) throw new Error(`Organisation ${orgId} not found for a visitor hash`);
  const { visitor, day } = await visitorHash({
    orgId,
    timeZone: settings.timeZone,
    address: client.address,
    userAgent: client.userAgent,
    at: Runtime.use().now(),
  });
  return { visitor, day };
}
