import { describe, expect, it } from "vitest";
import { normaliseAddress, rangeList } from "./address";
import { type ClickFacts, classify } from "./classify";
import { deviceClass } from "./device";
import { referrerHost } from "./referrer";
import { BROWSERS, FETCHERS, IN_APP_BROWSERS } from "./test-support";

const noNetworks = rangeList([]);
const human = (overrides: Partial<ClickFacts> = {}): ClickFacts => ({
  method: "GET",
  userAgent: BROWSERS.windowsChrome,
  address: "198.51.100.20",
  selfByCookie: false,
  internalNetworks: noNetworks,
  ...overrides,
});

describe("classifying a click", () => {
  it("counts a GET from a browser or an in-app browser as human", () => {
    for (const [name, userAgent] of Object.entries({ ...BROWSERS, ...IN_APP_BROWSERS })) {
      expect(classify(human({ userAgent })), name).toEqual({ class: "human" });
    }
  });

  it("counts HEAD and OPTIONS as bot, whatever sends them", () => {
    for (const method of ["HEAD", "OPTIONS", "head"]) {
      expect(classify(human({ method }))).toEqual({ class: "bot", reason: "method" });
    }
  });

  it("counts an empty or blank User-Agent as bot", () => {
    for (const userAgent of ["", "   "]) {
      expect(classify(human({ userAgent }))).toEqual({ class: "bot", reason: "user_agent" });
    }
  });

  it("counts link-preview fetchers and mail clients' fetchers as bot, including those isbot misses", () => {
    for (const [name, userAgent] of Object.entries(FETCHERS)) {
      expect(classify(human({ userAgent })), name).toEqual({ class: "bot", reason: "user_agent" });
    }
  });

  it("counts prefetches as bot (Purpose and Sec-Purpose, with prerender too)", () => {
    const cases: Partial<ClickFacts>[] = [
      { purpose: "prefetch" },
      { secPurpose: "prefetch" },
      { secPurpose: "prefetch;prerender" },
      { secPurpose: "Prefetch; anonymous-client-ip" },
    ];
    for (const headers of cases) {
      expect(classify(human(headers)), JSON.stringify(headers)).toEqual({
        class: "bot",
        reason: "prefetch",
      });
    }
    expect(classify(human({ secPurpose: "prerender" }))).toEqual({ class: "human" });
  });

  it("counts a mail scanner's address range as bot (Exchange Online Protection, v4 and v6)", () => {
    for (const address of ["40.107.22.5", "104.47.10.9", "2a01:111:f400:fe1e::5"]) {
      expect(classify(human({ address })), address).toEqual({
        class: "bot",
        reason: "address_range",
      });
    }
  });

  it("counts the member's own signed cookie as self, before internal and after bot", () => {
    const office = rangeList(["198.51.100.0/24"]);
    expect(classify(human({ selfByCookie: true, internalNetworks: office }))).toEqual({
      class: "self",
      reason: "self_cookie",
    });
    expect(classify(human({ selfByCookie: true, userAgent: FETCHERS.slackbot }))).toEqual({
      class: "bot",
      reason: "user_agent",
    });
  });

  it("counts the organisation's declared networks as internal, IPv4 and IPv6", () => {
    const office = rangeList(["192.0.2.0/24", "2001:db8:aa::/48"]);
    const internal = { class: "internal", reason: "internal_range" };
    expect(classify(human({ address: "192.0.2.77", internalNetworks: office }))).toEqual(internal);
    expect(classify(human({ address: "2001:db8:aa::77", internalNetworks: office }))).toEqual(
      internal,
    );
    expect(classify(human({ address: "192.0.3.77", internalNetworks: office }))).toEqual({
      class: "human",
    });
    expect(classify(human({ address: "2001:db8:ab::77", internalNetworks: office }))).toEqual({
      class: "human",
    });
    // A dual-stack socket reports IPv4 clients as IPv4-mapped IPv6.
    expect(
      classify(human({ address: normaliseAddress("::ffff:192.0.2.9"), internalNetworks: office })),
    ).toEqual(internal);
  });
});

describe("the device class", () => {
  it("tells phones, tablets and desktops apart by real User-Agents", () => {
    expect(deviceClass(BROWSERS.iPhoneSafari)).toBe("mobile");
    expect(deviceClass(BROWSERS.androidPhoneChrome)).toBe("mobile");
    expect(deviceClass(BROWSERS.iPadSafari)).toBe("tablet");
    expect(deviceClass(BROWSERS.androidTabletChrome)).toBe("tablet");
    expect(deviceClass(BROWSERS.androidTabletFirefox)).toBe("tablet");
    expect(deviceClass(BROWSERS.windowsChrome)).toBe("desktop");
    expect(deviceClass(BROWSERS.windowsEdge)).toBe("desktop");
    expect(deviceClass(BROWSERS.macSafari)).toBe("desktop");
    expect(deviceClass(BROWSERS.linuxFirefox)).toBe("desktop");
  });

  it("counts in-app browsers on phones as mobile", () => {
    for (const [name, userAgent] of Object.entries(IN_APP_BROWSERS)) {
      expect(deviceClass(userAgent), name).toBe("mobile");
    }
  });

  it("is unknown when the User-Agent names no device", () => {
    expect(deviceClass("")).toBe("unknown");
    expect(deviceClass(FETCHERS.whatsApp)).toBe("unknown");
  });
});

describe("the referrer", () => {
  it("keeps the host only, lower-case", () => {
    expect(referrerHost("https://WWW.LinkedIn.com/feed/?trk=abc#x")).toBe("www.linkedin.com");
    expect(referrerHost("https://t.co/AbCdEf")).toBe("t.co");
    expect(referrerHost("android-app://com.linkedin.android/")).toBe("com.linkedin.android");
  });

  it("is absent when missing, unparsable or an address", () => {
    expect(referrerHost(undefined)).toBeUndefined();
    expect(referrerHost("")).toBeUndefined();
    expect(referrerHost("not a url")).toBeUndefined();
    expect(referrerHost("http://192.168.1.5/intranet")).toBeUndefined();
    expect(referrerHost("http://[2001:db8::1]/")).toBeUndefined();
  });
});

describe("client addresses", () => {
  it("have one spelling each", () => {
    expect(normaliseAddress("::ffff:203.0.113.77")).toBe("203.0.113.77");
    expect(normaliseAddress("2001:DB8:0:0::77")).toBe("2001:db8::77");
    expect(normaliseAddress(" 203.0.113.77 ")).toBe("203.0.113.77");
    expect(normaliseAddress("unknown")).toBeUndefined();
    expect(normaliseAddress(undefined)).toBeUndefined();
  });
});
