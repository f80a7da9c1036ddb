import { BlockList, isIPv4, isIPv6 } from "node:net";

/**
 * One spelling per address, so the same client always hashes to the same visitor and range
 * checks see the family they expect: an IPv4 address a dual-stack socket reports as
 * `::ffff:203.0.113.7` becomes `203.0.113.7`; IPv6 is lower-case and compressed. Anything
 * that is not an address at all becomes undefined.
 */
export function normaliseAddress(address: string | undefined): string | undefined {
  const trimmed = address?.trim().toLowerCase();
  if (!trimmed) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(trimmed)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  if (isIPv4(trimmed)) return trimmed;
  if (isIPv6(trimmed)) return new URL(`http://[${trimmed}]/`).hostname.slice(1, -1);
  return undefined;
}

/** Address ranges ("192.0.2.0/24", "2001:db8::/32") as one list to test addresses against. */
export function rangeList(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [network = "", prefix = ""] = cidr.split("/");
    const family = isIPv4(network) ? "ipv4" : isIPv6(network) ? "ipv6" : undefined;
    const bits = Number(prefix);
    // Ranges are validated where they are entered; one that is not is skipped, not fatal.
    if (family && /^\d{1,3}$/.test(prefix) && bits <= (family === "ipv4" ? 32 : 128)) {
      list.addSubnet(network, bits, family);
    }
  }
  return list;
}

/** Whether a normalised address lies in one of the list's ranges. */
export function inRanges(list: BlockList, address: string | undefined): boolean {
  if (!address) return false;
  return list.check(address, isIPv4(address) ? "ipv4" : "ipv6");
}
