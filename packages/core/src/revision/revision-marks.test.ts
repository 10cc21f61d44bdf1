import { describe, expect, test } from "vitest";
import { graph } from "../../test/graph-fixtures.js";
import { RevisionMap } from "./revision-map.js";
import { revisionMarks } from "./revision-marks.js";

// a - b - m (merges b and c);  a - c;  side has a child only through dependsOn (tip).
const map = RevisionMap.build(
  graph("a000", "b000:a000", "c000:a000", "m000:b000,c000", "side", "tip0:m000 dep=side"),
);
const marks = (id: string, options: Parameters<typeof revisionMarks>[1] = {}) =>
  revisionMarks(map.rev(id), options);

describe("revisionMarks, in Alembic's order", () => {
  test.each([
    { id: "tip0", options: {}, expected: ["head"] },
    { id: "side", options: {}, expected: ["effective head"] },
    { id: "side", options: { verbose: true }, expected: ["head"] },
    { id: "a000", options: {}, expected: ["branchpoint"] },
    { id: "m000", options: { current: new Set(["m000"]) }, expected: ["current", "mergepoint"] },
    {
      id: "m000",
      options: { current: new Set(["m000"]), verbose: true },
      expected: ["mergepoint", "current"],
    },
    { id: "a000", options: { tree: false }, expected: [] },
    {
      id: "side",
      options: { tree: false, current: new Set(["side"]) },
      expected: ["effective head", "current"],
    },
  ])("$id $options", ({ id, options, expected }) => {
    expect(marks(id, options)).toEqual(expected);
  });
});
