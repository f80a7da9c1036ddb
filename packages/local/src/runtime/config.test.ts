import { describe, expect, it } from "vitest";
import { publicOrigin, readConfig } from "./config";

describe("the local configuration", () => {
  it("listens on SPRIDA_PORT, else PORT, else 4000, and builds links on that port", () => {
    expect(readConfig({}).SPRIDA_PORT).toBe(4000);
    expect(readConfig({ PORT: "4711" }).SPRIDA_PORT).toBe(4711);
    expect(readConfig({ PORT: "4711", SPRIDA_PORT: "4712" }).SPRIDA_PORT).toBe(4712);
    expect(publicOrigin(readConfig({ PORT: "4711" }))).toBe("http://localhost:4711");
  });

  it("takes alternate origins for organisations to choose, https only", () => {
    expect(
      readConfig({ SPRIDA_ALTERNATE_ORIGINS: "https://a.example, https://b.example" })
        .SPRIDA_ALTERNATE_ORIGINS,
    ).toEqual(["https://a.example", "https://b.example"]);
    expect(() => readConfig({ SPRIDA_ALTERNATE_ORIGINS: "http://a.example" })).toThrow(
      /SPRIDA_ALTERNATE_ORIGINS/,
    );
  });
});
