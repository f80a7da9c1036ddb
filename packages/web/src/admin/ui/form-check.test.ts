import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError } from "../../api/api-error";
import { checkWith, messageFor } from "./form-check";

const Schema = z.strictObject({
  name: z.string().min(1, "Give a name"),
  points: z.strictObject({ perShare: z.number().int().min(0, "Zero or more") }),
});

describe("checking a form with the API's schema", () => {
  it("keys the first message per field by its dotted path", () => {
    const errors = checkWith(Schema, { name: "", points: { perShare: -1 } });
    expect(errors).toEqual({ name: "Give a name", "points.perShare": "Zero or more" });
    expect(checkWith(Schema, { name: "Acme", points: { perShare: 5 } })).toEqual({});
  });

  it("falls back to what the API said about the field", () => {
    const apiError = ApiError.from(400, {
      error: {
        code: "invalid_input",
        message: "Not valid",
        issues: [{ path: "name", message: "Taken" }],
      },
    });
    expect(messageFor("name", {}, apiError)).toBe("Taken");
    expect(messageFor("name", { name: "Give a name" }, apiError)).toBe("Give a name");
    expect(messageFor("points.perShare", {}, apiError)).toBeUndefined();
  });
});
