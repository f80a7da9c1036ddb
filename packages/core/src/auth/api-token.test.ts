import { provideTestRuntime } from "@sprida/testing/runtime";
import { activeMember, newEmail, newOrganisation } from "@sprida/testing/test-members";
import { beforeAll, describe, expect, it } from "vitest";
import { Audit } from "../audit";
import { DomainError } from "../error";
import { apiTokenService } from "./api-token.entity";
import { ApiToken } from "./index";
import { sha256Hex } from "./secrets";

beforeAll(() => provideTestRuntime());

async function orgWithAdmin() {
  const org = await newOrganisation();
  return {
    org,
    admin: await activeMember(org, newEmail(), "admin"),
    member: await activeMember(org, newEmail(), "member"),
  };
}

describe("API tokens", () => {
  it("show their secret once, are stored only as its SHA-256, and verify to their organisation and scopes", async () => {
    // Prepare
    const { org, admin } = await orgWithAdmin();

    // Act
    const created = await ApiToken.create(admin, { name: "Entra ID", scopes: ["scim"] });

    // Assess
    expect(created.secret).toMatch(/^spt_[A-Za-z0-9_-]{43}$/);
    expect(created.tokenId).toBe(sha256Hex(created.secret));
    const stored = await apiTokenService()
      .apiToken.get({ tokenId: created.tokenId })
      .go({ consistent: true });
    expect(JSON.stringify(stored.data)).not.toContain(created.secret);
    expect(await ApiToken.verify(created.secret)).toEqual({
      tokenId: created.tokenId,
      orgId: org.orgId,
      scopes: ["scim"],
    });
    const listed = await ApiToken.list(admin);
    expect(listed).toEqual([
      {
        tokenId: created.tokenId,
        name: "Entra ID",
        scopes: ["scim"],
        createdBy: admin.memberId,
        createdAt: created.createdAt,
      },
    ]);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    const audit = await Audit.list(org.orgId, { limit: 10 });
    expect(audit.entries.map((entry) => entry.action)).toContain("apitoken.created");
  });

  it("refuse an unknown, altered or malformed secret", async () => {
    const { admin } = await orgWithAdmin();
    const { secret } = await ApiToken.create(admin, { name: "x", scopes: ["scim"] });
    const altered = `${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`;
    for (const attempt of [altered, secret.replace("spt_", "sps_"), `${secret}x`, "", undefined]) {
      expect(await ApiToken.verify(attempt)).toBeUndefined();
    }
  });

  it("stop verifying once revoked, and another organisation's admin cannot revoke them", async () => {
    // Prepare
    const ours = await orgWithAdmin();
    const theirs = await orgWithAdmin();
    const created = await ApiToken.create(ours.admin, { name: "x", scopes: ["scim"] });

    // Act / Assess: another organisation's admin is told there is no such token.
    await expect(ApiToken.revoke(theirs.admin, created.tokenId)).rejects.toMatchObject({
      kind: "not_found",
    });
    expect(await ApiToken.verify(created.secret)).toBeDefined();

    await ApiToken.revoke(ours.admin, created.tokenId);
    expect(await ApiToken.verify(created.secret)).toBeUndefined();
    expect(await ApiToken.list(ours.admin)).toEqual([]);
  });

  it("are made, listed and revoked by admins only", async () => {
    const { admin, member } = await orgWithAdmin();
    const created = await ApiToken.create(admin, { name: "x", scopes: ["scim"] });
    for (const attempt of [
      () => ApiToken.create(member, { name: "y", scopes: ["scim"] }),
      () => ApiToken.list(member),
      () => ApiToken.revoke(member, created.tokenId),
    ]) {
      const error = await attempt().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).kind).toBe("forbidden");
    }
  });

  it("refuse a name without visible text and an unknown scope", async () => {
    const { admin } = await orgWithAdmin();
    await expect(ApiToken.create(admin, { name: " ", scopes: ["scim"] })).rejects.toMatchObject({
      kind: "invalid",
    });
    await expect(
      ApiToken.create(admin, { name: "x", scopes: ["admin" as "scim"] }),
    ).rejects.toMatchObject({ kind: "invalid" });
  });
});
