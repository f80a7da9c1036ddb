import { SigningKey } from "@sprida/core/auth";
import type { Context } from "hono";
import { ApiError } from "../errors";

/** A server that signed this request with one of an organisation's signing keys. */
export interface SignedCaller {
  kind: "signed";
  orgId: string;
  keyId: string;
}

export const KEY_ID_HEADER = "sprida-key-id";
export const SIGNATURE_HEADER = "sprida-signature";

/**
 * `Sprida-Key-Id: <keyId>` and `Sprida-Signature: t=<unix seconds>,v1=<hex>`, the HMAC-SHA256
 * of `${t}.${raw body}` under the key's secret (the form our own webhooks are signed in). The
 * raw body is the bytes as sent, read before any parsing.
 */
export async function authenticateSigned(
  c: Context,
  rawBody: () => Promise<string>,
): Promise<SignedCaller> {
  const parts = new Map(
    (c.req.header(SIGNATURE_HEADER) ?? "").split(",").map((part) => {
      const [name = "", ...value] = part.trim().split("=");
      return [name, value.join("=")] as const;
    }),
  );
  const keyId = c.req.header(KEY_ID_HEADER);
  const verified =
    keyId && parts.has("t") && parts.has("v1")
      ? await SigningKey.verify({
          keyId,
          timestamp: parts.get("t"),
          signature: parts.get("v1"),
          rawBody: await rawBody(),
        })
      : undefined;
  if (!verified) {
    throw new ApiError(
      401,
      "unauthenticated",
      "Sign the request with a signing key (Sprida-Key-Id and Sprida-Signature headers); the timestamp must be within five minutes",
    );
  }
  return { kind: "signed", ...verified };
}
