import { isIPv4, isIPv6 } from "node:net";

/**
 * The network a client address stands for in rate limits: an IPv4 address itself, and for
 * IPv6 its /64, the smallest block a subscriber is given (one person can use any of its 2^64
 * addresses, so counting per address would give them that many allowances). An IPv4 address
 * written as IPv6 (::ffff:a.b.c.d, as a dual-stack socket reports it) is that IPv4 address.
 */
export function clientNetwork(address: string): string {
  const bare = address.replace(/%.*$/, ""); // a zone ("fe80::1%eth0") names the interface
  if (isIPv4(bare) || !isIPv6(bare)) return bare;
  const groups = hextets(bare);
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mapped) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address ("::" expanded, a dotted tail converted). */
function hextets(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
}
