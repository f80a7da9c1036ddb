import { describe, expect, it } from "vitest";
import { RECORDED, Viewer, whatIsRecorded } from "./what-is-recorded";

describe("the member's rights", () => {
  it("describes what is recorded, why, who sees it and for how long, in Swedish and English", () => {
    const en = whatIsRecorded("en");
    const sv = whatIsRecorded("sv");
    expect(en.map((item) => item.id)).toEqual(sv.map((item) => item.id));
    expect(en.length).toBe(RECORDED.length);
    for (const item of [...en, ...sv]) {
      expect(item.item.length).toBeGreaterThan(0);
      expect(item.purpose.length).toBeGreaterThan(0);
      expect(item.retention.length).toBeGreaterThan(0);
      expect(item.whoSees.length).toBeGreaterThan(0);
      for (const viewer of item.whoSees) expect(Viewer.options).toContain(viewer);
    }
    expect(en.find((item) => item.id === "email")).toMatchObject({
      item: "Your e-mail address",
      whoSees: ["me", "admins"],
    });
    expect(sv.find((item) => item.id === "email")?.item).toBe("Din e-postadress");
    // Network sizes are the member's to share: admins see them per member only if named.
    expect(en.find((item) => item.id === "channels")?.whoSees).toEqual(["me", "admins_if_named"]);
    expect(en.find((item) => item.id === "privacy")?.whoSees).toEqual(["me"]);
  });
});
