import { describe, expect, test } from "vitest";
import { RecordingDialect } from "../../test/test-dialect.js";
import { inlineParams } from "./inline-params.js";

class DollarDialect extends RecordingDialect {
  override readonly placeholder = "$n" as const;
}

describe("inlineParams (offline SQL)", () => {
  test("writes each value in place of its placeholder, skipping quotes and comments", () => {
    const question = new RecordingDialect();
    expect(inlineParams(question, "INSERT INTO t VALUES (?, '?', ?) -- ?", [1, "x"])).toBe(
      "INSERT INTO t VALUES (1, '?', 'x') -- ?",
    );
    expect(inlineParams(new DollarDialect(), "SELECT $2, $1, $2", ["a", 2])).toBe(
      "SELECT 2, 'a', 2",
    );
  });

  test("values the SQL has no placeholder for (the other style) are an error, not dropped", () => {
    expect(() =>
      inlineParams(new DollarDialect(), "INSERT INTO t VALUES (?, ?)", [1, "x"]),
    ).toThrow(
      expect.objectContaining({
        code: "parameter_count",
        message: "The statement was given 2 values, but has no placeholder for value 1.",
        hint: "Write one placeholder per value, in recording's style ($1, $2, ...).",
      }),
    );
    expect(() => inlineParams(new RecordingDialect(), "VALUES ($1, $2)", [1])).toThrow(
      "The statement was given 1 value, but has no placeholder for value 1.",
    );
    expect(() => inlineParams(new DollarDialect(), "VALUES ($2)", [1, 2])).toThrow(
      "has no placeholder for value 1.",
    );
    expect(() => inlineParams(new RecordingDialect(), "VALUES (?, ?)", [1])).toThrow(
      "more placeholders than the 1 values given",
    );
  });
});
