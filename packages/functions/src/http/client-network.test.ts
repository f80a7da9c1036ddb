import { describe, expect, it } from "vitest";
import { clientNetwork } from "./client-network";

describe("the network a client is rate-limited as", () => {
  it("is the /64 for IPv6: every address a subscriber can pick from one block is one client", () => {
    const block = [
      "2001:db8:85a3:12::1",
      "2001:db8:85a3:12:ffff:ffff:ffff:ffff",
      "2001:0DB8:85A3:0012:0000:8a2e:0370:7334",
      "2001:db8:85a3:12:1::",
    ];
    expect(new Set(block.map(clientNetwork))).toEqual(new Set(["2001:db8:85a3:12::/64"]));
  });

  it("tells neighbouring /64s apart", () => {
    expect(clientNetwork("2001:db8:85a3:12::1")).not.toBe(clientNetwork("2001:db8:85a3:13::1"));
    expect(clientNetwork("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientNetwork("::1")).toBe("0:0:0:0::/64");
  });

  it("keeps IPv4 per address, also when a dual-stack socket writes it as IPv6", () => {
    expect(clientNetwork("203.0.113.7")).toBe("203.0.113.7");
    expect(clientNetwork("203.0.113.8")).toBe("203.0.113.8");
    expect(clientNetwork("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(clientNetwork("::ffff:cb00:7107")).toBe("203.0.113.7");
  });

  it("ignores the zone of a link-local address", () => {
    expect(clientNetwork("fe80::1%eth0")).toBe(clientNetwork("fe80::2"));
  });

  it("passes anything that is no address through unchanged, to be hashed as it is", () => {
    expect(clientNetwork("not an address")).toBe("not an address");
  });
});
