import { describe, expect, it } from "vitest";
import { csvLine, errorReport, INVITE_TEMPLATE } from "./csv-report";

describe("the invitation CSVs the admin site writes", () => {
  it("quotes cells with commas, quotes and line breaks", () => {
    expect(csvLine(["a", 'say "hi"', "x,y", 3])).toBe('a,"say ""hi""","x,y",3');
  });

  it("reports only the failed rows, with the reason", () => {
    const report = errorReport([
      { row: 2, email: "ok@example.com", outcome: "invited" },
      {
        row: 3,
        email: "not-an-address",
        outcome: "error",
        message: "email: Invalid email address",
      },
    ]);
    expect(report).toBe("row,email,error\r\n3,not-an-address,email: Invalid email address\r\n");
  });

  it("offers a template whose header the API reads", () => {
    expect(INVITE_TEMPLATE.split("\r\n")[0]).toBe(
      "email,displayName,role,office,unit,competenceArea",
    );
  });
});
