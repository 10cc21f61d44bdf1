import { describe, expect, test } from "vitest";
import { graphProject } from "../../test/graph-project.js";
import { branches } from "./branches.js";

describe("branches", () => {
  test.each([
    { graph: ["a:", "b:a"], want: [] },
    { graph: ["a:", "b:a", "c:a"], want: [["a", ["b", "c"]]] },
    { graph: ["a:", "b:a", "c:a", "m:b,c"], want: [["a", ["b", "c"]]] },
    {
      graph: ["a:", "b:a", "c:a", "d:c", "e:c"],
      want: [
        ["c", ["d", "e"]],
        ["a", ["b", "c"]],
      ],
    },
    // A dependency is not a branch.
    { graph: ["a:", "b:a", "c: dep=a"], want: [] },
  ])("$graph -> $want", async ({ graph, want }) => {
    const { branchPoints } = await branches({ cwd: graphProject(...graph) });
    expect(branchPoints.map((p) => [p.revision, p.branches.map((b) => b.revision)])).toEqual(want);
  });
});
