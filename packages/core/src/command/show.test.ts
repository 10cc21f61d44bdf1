import { describe, expect, test } from "vitest";
import { graphProject } from "../../test/graph-project.js";
import { show } from "./show.js";

const GRAPH = ["a1:", "b2:a1 label=lib", "c3:a1", "m4:b2,c3"];

describe("show", () => {
  test.each([
    { revisions: [], want: ["m4"] },
    { revisions: ["head"], want: ["m4"] },
    { revisions: ["a1"], want: ["a1"] },
    { revisions: ["b2", "c3"], want: ["b2", "c3"] },
    { revisions: ["lib"], want: ["b2"] },
    { revisions: ["base"], want: [] },
  ])("$revisions -> $want", async ({ revisions, want }) => {
    const result = await show({ cwd: graphProject(...GRAPH), revisions });
    expect(result.revisions.map((r) => r.revision)).toEqual(want);
  });

  test("a merge point knows its parents, a branch point its children", async () => {
    const { revisions } = await show({ cwd: graphProject(...GRAPH), revisions: ["m4", "a1"] });
    expect(
      revisions.map((r) => [r.isMergePoint, r.downRevisions, r.isBranchPoint, r.children]),
    ).toEqual([
      [true, ["b2", "c3"], false, []],
      [false, [], true, ["b2", "c3"]],
    ]);
  });

  test("an unknown revision is a MigError naming it", async () => {
    await expect(show({ cwd: graphProject(...GRAPH), revisions: ["zz"] })).rejects.toMatchObject({
      message: expect.stringContaining("zz"),
    });
  });
});
