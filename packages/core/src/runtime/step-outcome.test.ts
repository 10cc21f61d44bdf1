import { describe, expect, it } from "vitest";
import { StepOutcome } from "./step-outcome.js";

const info = {
  revision: "a1",
  direction: "up",
  kind: "revision",
  message: "add users",
  index: 0,
  total: 1,
} as const;

describe("a step's result", () => {
  it("reads like a plain object: rows own and enumerable, made once when first read", () => {
    let made = 0;
    const rows = ["a1"];
    const result = new StepOutcome(info, 12, () => {
      made++;
      return rows;
    });
    expect(made).toBe(0);
    expect(Object.keys(result)).toEqual([
      "revision",
      "direction",
      "kind",
      "message",
      "durationMs",
      "rows",
    ]);
    expect({ ...result }).toEqual({
      revision: "a1",
      direction: "up",
      kind: "revision",
      message: "add users",
      durationMs: 12,
      rows: ["a1"],
    });
    expect(JSON.parse(JSON.stringify(result)).rows).toEqual(["a1"]);
    expect(result.rows).toBe(rows);
  });
});
