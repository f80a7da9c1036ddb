import { describe, expect, it } from "vitest";
import { redact } from "./redact";
import { scrub } from "./scrub";

describe("scrubbing a log line's text", () => {
  it("replaces e-mail addresses, plus-addressed and in angle brackets too", () => {
    expect(scrub("sent to anna.svensson@kund.example and <bo+test@kund.example>")).toBe(
      "sent to [email] and <[email]>",
    );
  });

  it("replaces IPv4 addresses, with a port too", () => {
    expect(scrub("from 203.0.113.41, via 10.0.0.8:443")).toBe("from [address], via [address]:443");
  });

  it("replaces IPv6 addresses: compressed, full, loopback, IPv4-mapped, with a port", () => {
    expect(
      scrub(
        "2001:db8::1 2001:0db8:0000:0000:0000:ff00:0042:8329 ::1 ::ffff:192.0.2.1 fe80::1:443, end",
      ),
    ).toBe("[address] [address] [address] [address] [address], end");
  });

  it("leaves ISO timestamps, times, UUIDs, hex hashes and ordinary versions alone", () => {
    const text =
      "at 2026-12-04T17:12:18.120Z (12:30:45) id 0f6b3c1a-93d2-4e55-8a0e-5b1c2d3e4f50 " +
      "hash 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 version 2.36.0";
    expect(scrub(text)).toBe(text);
  });

  it("replaces a version string shaped like an IPv4 address (by design: it cannot be told apart)", () => {
    expect(scrub("runtime 1.2.3.4")).toBe("runtime [address]");
  });
});

describe("redacting a log line's fields", () => {
  it("scrubs strings however deeply they are nested, in objects and arrays", () => {
    const fields = {
      orgId: "org_1",
      count: 3,
      ok: true,
      nothing: null,
      request: { headers: { from: "anna@kund.example" }, hops: ["198.51.100.23", "2001:db8::7"] },
    };

    expect(redact(fields)).toEqual({
      orgId: "org_1",
      count: 3,
      ok: true,
      nothing: null,
      request: { headers: { from: "[email]" }, hops: ["[address]", "[address]"] },
    });
  });

  it("writes an Error as its log-safe summary: no stack, addresses removed from the message", () => {
    const failure = new Error("SES refused anna@kund.example (from 198.51.100.23)");
    failure.stack = "Error: SES refused\n    at send (anna@kund.example)";

    const redacted = redact({ error: failure, nested: { cause: failure } });

    expect(redacted).toEqual({
      error: { name: "Error", message: "SES refused [email] (from [address])" },
      nested: { cause: { name: "Error", message: "SES refused [email] (from [address])" } },
    });
  });

  it("writes dates as ISO strings, big integers as text, and drops functions and undefined", () => {
    expect(
      redact({
        at: new Date("2026-12-04T17:12:18.120Z"),
        big: 12n,
        skip: undefined,
        call: () => 1,
      }),
    ).toEqual({ at: "2026-12-04T17:12:18.120Z", big: "12" });
  });

  it("survives a cycle and bounds the depth, keeping a value seen twice", () => {
    const shared = { email: "anna@kund.example" };
    const cyclic: Record<string, unknown> = { a: shared, b: shared };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = { leaf: "x" };
    for (let i = 0; i < 20; i++) deep = { deep };

    expect(redact(cyclic)).toEqual({
      a: { email: "[email]" },
      b: { email: "[email]" },
      self: "[circular]",
    });
    expect(JSON.stringify(redact(deep))).toContain("[nested too deep]");
  });
});
