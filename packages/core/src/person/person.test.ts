import { randomUUID } from "node:crypto";
import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { findByEmail, findOrCreate, get, remove } from "./person";

const address = () => `Person-${randomUUID().slice(0, 12)}@Example.TEST`;

describe("people: one e-mail identity", () => {
  beforeAll(() => provideTestRuntime());

  it("normalises the address, so case and spaces do not make a second person", async () => {
    const email = address();
    const first = await findOrCreate(`  ${email} `);
    expect(first.email).toBe(email.toLowerCase());
    expect((await findOrCreate(email.toLowerCase())).personId).toBe(first.personId);
    expect((await findByEmail(email.toUpperCase()))?.personId).toBe(first.personId);
    expect(await get(first.personId)).toEqual(first);
  });

  it("creates exactly one person when many calls race for the same new address", async () => {
    const email = address();
    const people = await Promise.all(Array.from({ length: 12 }, () => findOrCreate(email)));
    expect(new Set(people.map((person) => person.personId)).size).toBe(1);
  });

  it("refuses a malformed address as invalid input and finds nobody by it", async () => {
    await expect(findOrCreate("not-an-address")).rejects.toMatchObject({
      kind: "invalid",
      code: "invalid_email",
    });
    expect(await findByEmail("not-an-address")).toBeUndefined();
  });

  it("removing a person frees the address for a new person", async () => {
    const email = address();
    const before = await findOrCreate(email);
    await remove(before.personId);
    expect(await findByEmail(email)).toBeUndefined();
    await expect(get(before.personId)).rejects.toMatchObject({ kind: "not_found" });
    await remove(before.personId); // removing again is not an error
    const after = await findOrCreate(email);
    expect(after.personId).not.toBe(before.personId);
  });
});
