import { describe, expect, test } from "vitest";
import { unsupportedLabel } from "./unsupported-label.js";

describe("unsupportedLabel", () => {
  test("names the table an object belongs to, but not a table as on itself", () => {
    expect(
      unsupportedLabel({ kind: "trigger", name: "audit", schema: "app", table: "users" }),
    ).toBe("trigger app.audit on users");
    expect(unsupportedLabel({ kind: "view", name: "v" }, "public")).toBe("view public.v");
    // MySQL reports a partitioned table as belonging to itself.
    expect(
      unsupportedLabel({ kind: "partitioned table", name: "salaries", table: "salaries" }),
    ).toBe("partitioned table salaries");
  });
});
