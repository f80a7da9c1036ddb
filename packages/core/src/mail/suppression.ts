import { createHash } from "node:crypto";
import { Runtime } from "../runtime";
import { suppressionEntity } from "./suppression.entity";

export type SuppressionReason = "bounce" | "complaint";

/** Addresses are compared as SES delivers them: case-insensitively, trimmed. */
const hashOf = (address: string) =>
  createHash("sha256").update(address.trim().toLowerCase()).digest("base64url");

/** Never e-mails `address` again (a hard bounce or a complaint); a repeat changes nothing. */
export async function suppress(address: string, reason: SuppressionReason): Promise<void> {
  await suppressionEntity()
    .put({ addressHash: hashOf(address), reason, at: Runtime.use().now().toISOString() })
    .go({ response: "none" });
}

/** Which of `addresses` are suppressed (one batch read per hundred). */
export async function suppressedAmong(addresses: readonly string[]): Promise<Set<string>> {
  const byHash = new Map(addresses.map((address) => [hashOf(address), address]));
  if (byHash.size === 0) return new Set();
  const { data } = await suppressionEntity()
    .get([...byHash.keys()].map((addressHash) => ({ addressHash })))
    .go({ consistent: true });
  return new Set(data.map((item) => byHash.get(item.addressHash) ?? ""));
}

export async function isSuppressed(address: string): Promise<boolean> {
  return (await suppressedAmong([address])).size > 0;
}
