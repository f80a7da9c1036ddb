import type { Context } from "hono";

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
