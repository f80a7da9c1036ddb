import { beforeAll, describe, expect, it } from "vitest";
import { provideTestRuntime } from "../../../../tests/helpers/runtime";
import { buildLink, originFor } from "./links";

describe("links in e-mails", () => {
  beforeAll(() =>
    provideTestRuntime({
      publicOrigin: "https://sprida.example.org",
      alternateOrigins: ["https://share.acme.example"],
    }),
  );

  it("use the organisation's choice among the deployment's origins, else the deployment's own", () => {
    expect(originFor({ publicOrigin: "https://share.acme.example" })).toBe(
      "https://share.acme.example",
    );
    expect(originFor({ publicOrigin: undefined })).toBe("https://sprida.example.org");
    expect(originFor({ publicOrigin: "" })).toBe("https://sprida.example.org");
    expect(originFor()).toBe("https://sprida.example.org");
  });

  it("never use an origin the deployment does not serve, even one stored before the rule", () => {
    expect(originFor({ publicOrigin: "https://attacker.example" })).toBe(
      "https://sprida.example.org",
    );
    expect(originFor({ publicOrigin: "http://share.acme.example" })).toBe(
      "https://sprida.example.org",
    );
  });

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
