import type { BlockList } from "node:net";
import { inRanges } from "./address";
import { isBotUserAgent, isPrefetch, isScannerAddress } from "./bots";
import type { ClickClass } from "./events";

/** What the classification looks at; the address is only read here, never kept. */
export interface ClickFacts {
  method: string;
  userAgent: string;
  /** The `Purpose` and `Sec-Purpose` request headers. */
  purpose?: string;
  secPurpose?: string;
  /** The trusted client address, normalised (see `normaliseAddress`). */
  address?: string;
  /** A valid signed self cookie names the link's member (see `isSelfByCookie`). */
  selfByCookie: boolean;
  /** The organisation's declared own networks. */
  internalNetworks: BlockList;
}

export interface Classification {
  class: ClickClass;
  reason?: string;
}

/**
 * The published method: bot first, then self, then internal, human otherwise. A bot is
 * never anything else, whoever's cookie it carries; a member at the office is self, not
 * internal. Self by visitor hash needs storage and is settled at ingest (`prepareForLedger`).
 */
export function classify(facts: ClickFacts): Classification {
  const method = facts.method.toUpperCase();
  if (method === "HEAD" || method === "OPTIONS") return { class: "bot", reason: "method" };
  if (facts.userAgent.trim() === "" || isBotUserAgent(facts.userAgent)) {
    return { class: "bot", reason: "user_agent" };
  }
  if (isScannerAddress(facts.address)) return { class: "bot", reason: "address_range" };
  if (isPrefetch(facts.purpose, facts.secPurpose)) return { class: "bot", reason: "prefetch" };
  if (facts.selfByCookie) return { class: "self", reason: "self_cookie" };
  if (inRanges(facts.internalNetworks, facts.address)) {
    return { class: "internal", reason: "internal_range" };
  }
  return { class: "human" };
}
