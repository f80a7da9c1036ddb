import { describe, expect, it } from "vitest";
import { firstPlaceFor, mayUse, placeOf } from "./admin-places";

describe("the admin site's places", () => {
  it("belong to the longest matching prefix", () => {
    expect(placeOf("/admin")?.name).toBe("dashboard");
    expect(placeOf("/admin/")?.name).toBe("dashboard");
    expect(placeOf("/admin/content/abc")?.name).toBe("content");
    expect(placeOf("/admin/settings")?.name).toBe("settings");
    expect(placeOf("/elsewhere")).toBeUndefined();
  });

  it("are open to a role and those above it", () => {
    expect(mayUse("curator", "curator")).toBe(true);
    expect(mayUse("curator", "admin")).toBe(false);
    expect(mayUse("owner", "admin")).toBe(true);
    expect(mayUse("admin", "owner")).toBe(false);
    expect(mayUse("unknown", "curator")).toBe(false);
  });

  it("lead curators to content and admins to the dashboard", () => {
    expect(firstPlaceFor("curator")?.name).toBe("content");
    expect(firstPlaceFor("admin")?.name).toBe("dashboard");
    expect(firstPlaceFor("member")).toBeUndefined();
  });
});
