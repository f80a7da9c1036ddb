import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { API_TYPES_FILE, generateApiTypes } from "../../helpers/api-types-generate";

describe("the typed client's generated types", () => {
  it("match the OpenAPI document the API serves now (run `npm run openapi:client` when not)", async () => {
    // Act
    const regenerated = await generateApiTypes();

    // Assess
    const committed = await readFile(API_TYPES_FILE, "utf8");
    expect(committed === regenerated, "packages/web/src/api/api-types.ts is stale").toBe(true);
  }, 60_000);
});
