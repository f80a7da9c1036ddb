import { describe, expect, it } from "vitest";
import { buildLink } from "./links";

describe("links in e-mails", () => {
  it("put the path and an encoded query on the origin alone", () => {
    expect(buildLink("https://acme.example/ignored?x=1#y", "/sign-in", { token: "a+b/c=&d" })).toBe(
      "https://acme.example/sign-in?token=a%2Bb%2Fc%3D%26d",
    );
  });

  it("refuse origins that are not plain http(s) and paths that could leave the origin", () => {
    expect(() => buildLink("javascript:alert(1)", "/sign-in")).toThrow(/plain http\(s\) origin/);
    expect(() => buildLink("https://user:pw@acme.example", "/sign-in")).toThrow(/plain http/);
    expect(() => buildLink("https://acme.example", "//evil.example/x")).toThrow(/single "\/"/);
    expect(() => buildLink("https://acme.example", "https://evil.example/")).toThrow(/single/);
  });
});
