import { BlockList, isIP } from "node:net";

/** Why an address is never fetched; each reason has a message written for the admin. */
export type AddressRefusal =
  | "metadata"
  | "loopback"
  | "private"
  | "link_local"
  | "multicast"
  | "reserved";

type Range = readonly [network: string, prefix: number];

/**
 * Ranges by reason, checked in this order (the first match names the reason). Node's
 * BlockList matches IPv4-mapped IPv6 addresses (::ffff:a.b.c.d, also written ::ffff:7f00:1)
 * against the IPv4 rules, so a mapped private address is refused for what it reaches.
 * IPv6 transition prefixes that embed an IPv4 address (SIIT, NAT64, 6to4, Teredo) are
 * refused whole: a server that is not on an IPv6-only network has no business reaching a
 * site through them, and a translator on the way could carry them to a private IPv4 target.
 */
const RANGES: Record<AddressRefusal, { v4: Range[]; v6: Range[] }> = {
  // AWS, GCP, Azure, Oracle and Alibaba instance metadata: credentials live there.
  metadata: {
    v4: [
      ["169.254.169.254", 32],
      ["169.254.170.2", 32],
      ["192.0.0.192", 32],
      ["100.100.100.200", 32],
    ],
    v6: [["fd00:ec2::254", 128]],
  },
  loopback: {
    v4: [["127.0.0.0", 8]],
    v6: [["::1", 128]],
  },
  private: {
    v4: [
      ["10.0.0.0", 8],
      ["172.16.0.0", 12],
      ["192.168.0.0", 16],
      ["100.64.0.0", 10], // carrier-grade NAT
    ],
    v6: [["fc00::", 7]], // unique-local
  },
  link_local: {
    v4: [["169.254.0.0", 16]],
    v6: [
      ["fe80::", 10],
      ["fec0::", 10], // site-local, deprecated but still routed by some networks
    ],
  },
  multicast: {
    v4: [["224.0.0.0", 4]],
    v6: [["ff00::", 8]],
  },
  reserved: {
    v4: [
      ["0.0.0.0", 8], // "this network"; 0.0.0.0 reaches the local host on Linux
      ["192.0.0.0", 24], // IETF protocol assignments
      ["192.0.2.0", 24], // documentation
      ["198.18.0.0", 15], // benchmarking
      ["198.51.100.0", 24], // documentation
      ["203.0.113.0", 24], // documentation
      ["240.0.0.0", 4], // reserved, including the broadcast address 255.255.255.255
    ],
    v6: [
      ["::", 96], // unspecified and the deprecated IPv4-compatible addresses
      ["::ffff:0:0:0", 96], // SIIT's IPv4-translated addresses (RFC 7915)
      ["64:ff9b::", 96], // NAT64
      ["64:ff9b:1::", 48], // local-use NAT64
      ["100::", 64], // discard-only
      ["2001::", 32], // Teredo
      ["2001:db8::", 32], // documentation
      ["2002::", 16], // 6to4
    ],
  },
};

const LISTS = (Object.keys(RANGES) as AddressRefusal[]).map((reason) => {
  const list = new BlockList();
  for (const [network, prefix] of RANGES[reason].v4) list.addSubnet(network, prefix, "ipv4");
  for (const [network, prefix] of RANGES[reason].v6) list.addSubnet(network, prefix, "ipv6");
  return { reason, list };
});

/**
 * Why `address` (an IP literal, IPv4 or IPv6, without brackets) must not be fetched, or
 * null when it is a public address. Anything that is not an IP literal is refused as
 * reserved: callers check resolved addresses, never names.
 */
export function refusalFor(address: string): AddressRefusal | null {
  const version = isIP(address);
  if (version === 0) return "reserved";
  const type = version === 4 ? "ipv4" : "ipv6";
  for (const { reason, list } of LISTS) {
    if (list.check(address, type)) return reason;
  }
  if (version === 6) {
    const canonical = canonicalIPv6(address);
    // Not a BlockList rule: an IPv6 rule for ::ffff:0:0/96 matches every IPv4 address too.
    if (canonical === undefined || IPV4_MAPPED.test(canonical)) return "reserved";
  }
  return null;
}

/**
 * ::ffff:0:0/96 in its canonical spelling. A mapped public address reaches that public IPv4
 * address, but no public name has one in its AAAA record: refusing the whole range means no
 * spelling of it depends on BlockList's mapping.
 */
const IPV4_MAPPED = /^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/;

/** The compressed lower-case form (::ffff:127.0.0.1 is ::ffff:7f00:1), without a zone id. */
function canonicalIPv6(address: string): string | undefined {
  const [withoutZone = ""] = address.split("%");
  try {
    return new URL(`http://[${withoutZone}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
}

const WHAT: Record<AddressRefusal, string> = {
  metadata: "a cloud metadata service",
  loopback: "this server itself",
  private: "a private network",
  link_local: "a link-local network address",
  multicast: "a multicast address",
  reserved: "an address that is not on the public internet",
};

/** The message an admin sees; `host` is the name they typed, when it was a name. */
export function refusalMessage(reason: AddressRefusal, host?: string): string {
  const subject = host === undefined ? "That address" : `${host} resolves to an address that`;
  return `${subject} points to ${WHAT[reason]}, which Sprida never fetches`;
}
