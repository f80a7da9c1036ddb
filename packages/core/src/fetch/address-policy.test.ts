import { describe, expect, it } from "vitest";
import { refusalFor, refusalMessage } from "./address-policy";

describe("which addresses are never fetched", () => {
  it.each([
    ["169.254.169.254", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["::ffff:169.254.169.254", "metadata"],
    ["100.100.100.200", "metadata"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["0:0:0:0:0:ffff:7f00:0001", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:a00:1", "private"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["169.254.1.1", "link_local"],
    ["fe80::1", "link_local"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["ff02::1", "multicast"],
    ["0.0.0.0", "reserved"],
    ["0.1.2.3", "reserved"],
    ["255.255.255.255", "reserved"],
    ["240.0.0.1", "reserved"],
    ["192.0.2.10", "reserved"],
    ["::", "reserved"],
    ["64:ff9b::a00:1", "reserved"],
    ["2002:a00:1::1", "reserved"],
    ["2001:db8::1", "reserved"],
    ["not-an-ip", "reserved"],
  ])("refuses %s as %s", (address, reason) => {
    expect(refusalFor(address)).toBe(reason);
  });

  it.each([
    "93.184.215.14",
    "8.8.8.8",
    "172.32.0.1",
    "100.128.0.1",
    "2606:4700::1111",
    "2001:4860:4860::8888",
  ])("lets the public address %s through", (address) => {
    expect(refusalFor(address)).toBeNull();
  });

  // An IPv6 address that carries an IPv4 address can reach it through a translator or a
  // dual-stack socket; each of these carries 127.0.0.1, 10.0.0.1 or 192.168.1.1.
  it.each([
    ["::ffff:0:7f00:1", "SIIT, IPv4-translated (::ffff:0:0:0/96)"],
    ["::ffff:0:127.0.0.1", "SIIT, written with a dotted quad"],
    ["::ffff:0:a00:1", "SIIT, to a private address"],
    ["64:ff9b::7f00:1", "NAT64 (64:ff9b::/96)"],
    ["64:ff9b::10.0.0.1", "NAT64, written with a dotted quad"],
    ["64:ff9b:1::a00:1", "local-use NAT64 (64:ff9b:1::/48)"],
    ["2002:7f00:1::1", "6to4 (2002::/16)"],
    ["2002:c0a8:101::1", "6to4, to a private address"],
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", "Teredo (2001::/32), client 127.0.0.1 obscured"],
    ["2001:0:a00:1::1", "Teredo, server 10.0.0.1"],
  ])("refuses %s, %s", (address) => {
    expect(refusalFor(address)).toBe("reserved");
  });

  it.each([
    "::ffff:8.8.8.8",
    "::ffff:808:808",
    "::ffff:0:808:808",
    "64:ff9b::808:808",
    "2002:808:808::1",
  ])(
    "refuses %s though the IPv4 address it carries is public: the prefix is refused whole",
    (address) => {
      expect(refusalFor(address)).toBe("reserved");
    },
  );

  it("explains a refusal in words, naming the host someone typed", () => {
    expect(refusalMessage("private")).toBe(
      "That address points to a private network, which Sprida never fetches",
    );
    expect(refusalMessage("loopback", "intranet.example")).toBe(
      "intranet.example resolves to an address that points to this server itself, which Sprida never fetches",
    );
  });
});
