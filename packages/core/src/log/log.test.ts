import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Log } from "./index";
import { jsonLinesBackend, prettyLine } from "./json-lines";
import type { Level, LogBackend } from "./line";

type Written = { level: Level; message: string; attributes: Record<string, unknown> };

let written: Written[];
let previous: LogBackend | undefined;

beforeEach(() => {
  written = [];
  previous = Log.useBackend({
    write: (level, message, attributes) => written.push({ level, message, attributes }),
  });
});
afterEach(() => {
  Log.useBackend(previous);
  vi.restoreAllMocks();
});

describe("the logger", () => {
  it("puts the context on every line inside it, across awaits, and nothing outside it", async () => {
    await Log.withContext({ correlationId: "c-1", orgId: "org_1" }, async () => {
      Log.info("first");
      await new Promise((resolve) => setTimeout(resolve, 1));
      Log.warn("second", { step: 2 });
    });
    Log.info("outside");

    expect(written).toEqual([
      { level: "INFO", message: "first", attributes: { correlationId: "c-1", orgId: "org_1" } },
      {
        level: "WARN",
        message: "second",
        attributes: { correlationId: "c-1", orgId: "org_1", step: 2 },
      },
      { level: "INFO", message: "outside", attributes: {} },
    ]);
  });

  it("keeps concurrent contexts apart", async () => {
    const run = (id: string, delay: number) =>
      Log.withContext({ correlationId: id }, async () => {
        await new Promise((resolve) => setTimeout(resolve, delay));
        Log.info(id);
      });

    await Promise.all([run("slow", 5), run("fast", 0)]);

    expect(written.map((line) => [line.message, line.attributes.correlationId])).toEqual([
      ["fast", "fast"],
      ["slow", "slow"],
    ]);
  });

  it("adds what is learnt later with appendContext, for the rest of that context only", async () => {
    await Log.withContext({ correlationId: "c-2" }, async () => {
      Log.appendContext({ orgId: "org_2" });
      Log.error("failed");
    });
    Log.appendContext({ orgId: "leaked" });
    Log.info("after");

    expect(written.map((line) => line.attributes)).toEqual([
      { correlationId: "c-2", orgId: "org_2" },
      {},
    ]);
  });

  it("inherits the surrounding context unless told to start afresh", () => {
    Log.withContext({ correlationId: "request", orgId: "org_1" }, () => {
      Log.withContext({ eventId: "e-1" }, () => Log.info("nested"));
      Log.withContext({ eventId: "e-2" }, () => Log.info("fresh"), { inherit: false });
    });

    expect(written.map((line) => line.attributes)).toEqual([
      { correlationId: "request", orgId: "org_1", eventId: "e-1" },
      { eventId: "e-2" },
    ]);
  });

  it("redacts the message and every field, and lets no field replace level, message or time", () => {
    Log.withContext({ correlationId: "c-3" }, () =>
      Log.warn("mail to anna@kund.example from 2001:db8::1 refused", {
        message: "replaced?",
        level: "DEBUG",
        error: new Error("bounce for bo@kund.example"),
        client: { address: "::ffff:192.0.2.1" },
      }),
    );

    expect(written).toEqual([
      {
        level: "WARN",
        message: "mail to [email] from [address] refused",
        attributes: {
          correlationId: "c-3",
          error: { name: "Error", message: "bounce for [email]" },
          client: { address: "[address]" },
        },
      },
    ]);
  });
});

describe("the local backend", () => {
  const at = () => new Date("2026-12-04T17:12:18.120Z");

  it("writes one JSON line with level, message, timestamp and service first, errors on stderr", () => {
    const out = vi.spyOn(console, "log").mockImplementation(() => {});
    const err = vi.spyOn(console, "error").mockImplementation(() => {});
    const backend = jsonLinesBackend(false, at);

    backend.write("INFO", "started", { correlationId: "c-4" });
    backend.write("ERROR", "failed", { correlationId: "c-4", code: 7 });

    expect(out.mock.calls).toEqual([
      [
        '{"level":"INFO","message":"started","timestamp":"2026-12-04T17:12:18.120Z","service":"sprida","correlationId":"c-4"}',
      ],
    ]);
    expect(err.mock.calls.map(([line]) => JSON.parse(String(line)))).toEqual([
      {
        level: "ERROR",
        message: "failed",
        timestamp: "2026-12-04T17:12:18.120Z",
        service: "sprida",
        correlationId: "c-4",
        code: 7,
      },
    ]);
  });

  it("on a terminal writes one readable line: time, coloured level, message, then the fields", () => {
    const line = prettyLine({
      level: "WARN",
      message: "kept in the outbox",
      timestamp: "2026-12-04T17:12:18.120Z",
      service: "sprida",
      correlationId: "c-5",
      error: { name: "TimeoutError" },
      note: "two words",
    });

    expect(line).not.toContain("\n");
    expect(line).toContain("\u001b[33mWARN ");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the colour codes are the point
    expect(line.replace(/\u001b\[\d+m/g, "")).toBe(
      "17:12:18.120 WARN  kept in the outbox  correlationId=c-5  error={ name: 'TimeoutError' }  note=\"two words\"",
    );
  });
});
