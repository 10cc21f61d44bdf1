import { describe, expect, test } from "vitest";
import { graphProject } from "../../test/graph-project.js";
import { heads } from "./heads.js";

describe("heads", () => {
  test.each([
    { graph: ["a:"], resolve: false, want: ["a"] },
    { graph: ["a:", "b:a"], resolve: false, want: ["b"] },
    { graph: ["a:", "b:a", "c:a"], resolve: false, want: ["b", "c"] },
    { graph: ["a:", "b:a", "c:a", "m:b,c"], resolve: false, want: ["m"] },
    // b is only depended on by c: an effective head, left out when resolving dependencies.
    { graph: ["a:", "b:a", "c:a dep=b"], resolve: false, want: ["b", "c"] },
    { graph: ["a:", "b:a", "c:a dep=b"], resolve: true, want: ["c"] },
  ])("$graph (resolve $resolve) -> $want", async ({ graph, resolve, want }) => {
    const result = await heads({ cwd: graphProject(...graph), resolveDependencies: resolve });
    expect(result.heads.map((r) => r.revision)).toEqual(want);
  });

  test("each head is plain data with its flags and script path", async () => {
    const { heads: found } = await heads({
      cwd: graphProject("a:", "b:a label=lib", "c:a dep=b"),
    });
    expect(JSON.parse(JSON.stringify(found[0]))).toEqual({
      revision: "b",
      downRevisions: ["a"],
      dependsOn: [],
      branchLabels: ["lib"],
      message: "rev b",
      isHead: true,
      isRealHead: false,
      isEffectiveHead: true,
      isBranchPoint: false,
      isMergePoint: false,
      children: [],
      path: expect.stringMatching(/migrations[/\\]b\.sql$/),
    });
  });
});
