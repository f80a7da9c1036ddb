import { createHmac } from "node:crypto";
import { Secret } from "@sprida/core/secret";
import { clientNetwork } from "./client-network";

export { type ClientAddressSource, cloudFrontViewerAddress } from "./client-address";

/**
 * A keyed hash of the client's network (its IPv4 address, or its IPv6 /64: see
 * client-network.ts), for rate limits. The key is random and changes every UTC day (kept two
 * days), so a stored key cannot be turned back into an address later.
 */
export async function clientKeyOf(address: string | undefined, now: Date): Promise<string> {
  const day = now.toISOString().slice(0, 10);
  const key = await Secret.named(`client-key:${day}`, 2 * 24 * 60 * 60);
  return createHmac("sha256", key)
    .update(address === undefined ? "unknown" : clientNetwork(address))
    .digest("base64url")
    .slice(0, 32);
}
