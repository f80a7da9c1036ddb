import { createHmac } from "node:crypto";
import { localDay } from "../org/local-day";
import { Runtime } from "../runtime";
import { normaliseAddress } from "./address";
import { saltFor } from "./salt";
import { clickSettings } from "./settings";

/** A visitor hash and the organisation's local day it belongs to (its salt's day). */
export interface Visitor {
  visitor: string;
  day: string;
}

/**
 * HMAC-SHA256(salt of the organisation's day, address + "\n" + User-Agent), base64url, 22
 * characters (132 bits). The address is hashed at once and goes nowhere else.
 */
export async function visitorHash(input: {
  orgId: string;
  timeZone: string;
  address: string | undefined;
  userAgent: string;
  at: Date;
}): Promise<Visitor> {
  const day = localDay(input.timeZone, input.at);
  const salt = await saltFor(input.orgId, day);
  const visitor = createHmac("sha256", salt)
    .update(`${normaliseAddress(input.address) ?? ""}\n${input.userAgent}`)
    .digest("base64url")
    .slice(0, 22);
  return { visitor, day };
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
  return visitorHash({
    orgId,
    timeZone: settings.timeZone,
    address: client.address,
    userAgent: client.userAgent,
    at: Runtime.use().now(),
  });
}
