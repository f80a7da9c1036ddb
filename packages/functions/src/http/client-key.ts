import { createHmac } from "node:crypto";
import { Secret } from "@sprida/core/secret";
import type { Context } from "hono";
import { clientNetwork } from "./client-network";

/**
 * Where the client address comes from is decided by the deployment, never by the request:
 * the socket locally, CloudFront-Viewer-Address on AWS (the function URL only accepts
 * CloudFront). A header a client can set (X-Forwarded-For) is never read.
 */
export type ClientAddressSource = (c: Context) => string | undefined;

export const cloudFrontViewerAddress: ClientAddressSource = (c) => {
  const header = c.req.header("cloudfront-viewer-address");
  if (!header) return undefined;
  // "203.0.113.7:46532" or "[2001:db8::1]:46532": drop the port.
  const match = /^\[?([^\]]+?)\]?:\d+$/.exec(header);
  return match?.[1];
};

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
