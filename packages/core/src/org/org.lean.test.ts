import { randomUUID } from "node:crypto";
import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { keyOf, putItem, storedItem } from "../dynamo/test-support";
import { create, find } from "./org";
import { orgService } from "./org.entity";
import { readOrgClickFields } from "./org.lean";

/** The redirect reads organisations without ElectroDB (./org.lean.ts): the same item, the same answer. */
describe("the redirect's organisation read", () => {
  beforeAll(() => provideTestRuntime());

  it("answers what Org.find answers for an organisation the API created", async () => {
    const org = await create({
      name: "Lean AB",
      locale: "sv",
      timeZone: "Europe/Stockholm",
      ownDomains: ["lean.example", "blog.lean.example"],
      internalNetworks: ["192.0.2.0/24"],
    });
    const found = await find(org.orgId);
    expect(await readOrgClickFields(org.orgId)).toEqual({
      orgId: org.orgId,
      timeZone: found?.timeZone,
      ownDomains: found?.ownDomains,
      internalNetworks: found?.internalNetworks,
    });
  });

  it("finds an id with capitals under ElectroDB's lower-cased key", async () => {
    const orgId = `Org-${randomUUID()}`;
    const now = new Date().toISOString();
    const item = {
      orgId,
      name: "Casing AB",
      locale: "en" as const,
      timeZone: "Pacific/Chatham",
      ownDomains: [],
      internalNetworks: [],
      settings: {},
      createdAt: now,
      updatedAt: now,
    };
    await orgService().organisation.create(item).go();
    const written = orgService().organisation.create(item).params().Item as Record<string, unknown>;
    expect(await storedItem(keyOf(written))).toMatchObject({ orgId });
    expect(await readOrgClickFields(orgId)).toEqual({
      orgId,
      timeZone: "Pacific/Chatham",
      ownDomains: [],
      internalNetworks: [],
    });
  });

  it("answers undefined for an organisation that does not exist, and refuses a malformed one", async () => {
    expect(await readOrgClickFields(randomUUID())).toBeUndefined();
    const orgId = randomUUID();
    const now = new Date().toISOString();
    const written = orgService()
      .organisation.create({
        orgId,
        name: "Broken AB",
        locale: "sv",
        timeZone: "Europe/Stockholm",
        ownDomains: [],
        internalNetworks: [],
        settings: {},
        createdAt: now,
        updatedAt: now,
      })
      .params().Item as Record<string, unknown>;
    await putItem({ ...written, ownDomains: "lean.example" });
    await expect(readOrgClickFields(orgId)).rejects.toThrow(/stored malformed/);
  });
});
