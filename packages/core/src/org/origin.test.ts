import { provideTestRuntime } from "@sprida/testing/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrganisationPatch } from "./org.schema";
import { deploymentOrigins, notOffered, originChoices, publicOriginOf } from "./origin";

describe("the origins an organisation's links may use", () => {
  beforeAll(() =>
    provideTestRuntime({
      publicOrigin: "https://sprida.example.org",
      alternateOrigins: ["https://share.acme.example/", "http://plain.acme.example"],
    }),
  );
  afterAll(() => provideTestRuntime());

  it("are the deployment's own and its alternates; organisations choose among the https ones", () => {
    expect(deploymentOrigins()).toEqual([
      "https://sprida.example.org",
      "https://share.acme.example",
      "http://plain.acme.example",
    ]);
    expect(originChoices()).toEqual(["https://sprida.example.org", "https://share.acme.example"]);
  });

  it("follow the organisation's choice, else the deployment's own", () => {
    expect(publicOriginOf({ publicOrigin: "https://share.acme.example" })).toBe(
      "https://share.acme.example",
    );
    expect(publicOriginOf({})).toBe("https://sprida.example.org");
    expect(publicOriginOf({ publicOrigin: "" })).toBe("https://sprida.example.org");
  });

  it("never use an origin the deployment does not offer, even one stored before the rule", () => {
    for (const stored of ["https://attacker.example", "http://plain.acme.example"]) {
      expect(publicOriginOf({ publicOrigin: stored })).toBe("https://sprida.example.org");
      expect(notOffered(stored)).toMatch(/Choose one of the deployment's origins/);
    }
  });

  it("are checked in two steps: the schema takes only the form, the commands ask the deployment", () => {
    // The schema is shared with the admin site, so it cannot know the deployment's origins.
    expect(OrganisationPatch.safeParse({ publicOrigin: "https://x/y" }).success).toBe(false);
    expect(OrganisationPatch.parse({ publicOrigin: "https://share.acme.example/" })).toEqual({
      publicOrigin: "https://share.acme.example",
    });
    expect(OrganisationPatch.parse({ publicOrigin: null })).toEqual({ publicOrigin: null });
    expect(notOffered("https://attacker.example")).toContain("https://share.acme.example");
    expect(notOffered("https://share.acme.example")).toBeUndefined();
  });
});
