import { describe, expect, test } from "vitest";
import { graph } from "../../test/graph-fixtures.js";
import { isMigError } from "../errors/mig-error.js";
import { getRevision, getRevisions } from "./resolve.js";
import { RevisionMap } from "./revision-map.js";

const ids = (revs: readonly unknown[]) =>
  revs.map((r) =>
    r === null ? null : typeof r === "string" ? r : (r as { revision: string }).revision,
  );

// a - b - c - d            (linear trunk)
//      \
//       e - f  (label feat on e)
//  x - y                   (second base, label other on x)
//  z depends on c
const branchy = () =>
  RevisionMap.build(
    graph(
      "aaaa1111",
      "bbbb2222:aaaa1111",
      "cccc3333:bbbb2222",
      "dddd4444:cccc3333",
      "eeee5555:bbbb2222 label=feat",
      "ffff6666:eeee5555",
      "xxxx7777 label=other",
      "yyyy8888:xxxx7777",
      "zzzz9999:yyyy8888 dep=cccc3333",
    ),
  );

describe("graph shape", () => {
  test.each([
    { name: "linear", specs: ["a000", "b000:a000", "c000:b000"], heads: ["c000"], bases: ["a000"] },
    {
      name: "branch",
      specs: ["a000", "b000:a000", "c000:a000"],
      heads: ["b000", "c000"],
      bases: ["a000"],
    },
    {
      name: "diamond",
      specs: ["a000", "b000:a000", "c000:a000", "d000:b000,c000"],
      heads: ["d000"],
      bases: ["a000"],
    },
    {
      name: "merge of three",
      specs: ["a000", "b000:a000", "c000:a000", "d000:a000", "m000:b000,c000,d000"],
      heads: ["m000"],
      bases: ["a000"],
    },
    {
      name: "two bases",
      specs: ["a000", "b000:a000", "x000", "y000:x000"],
      heads: ["b000", "y000"],
      bases: ["a000", "x000"],
    },
    {
      name: "children before parents",
      specs: ["c000:b000", "b000:a000", "a000"],
      heads: ["c000"],
      bases: ["a000"],
    },
    { name: "empty", specs: [], heads: [], bases: [] },
  ])("$name", ({ specs, heads, bases }) => {
    const map = RevisionMap.build(graph(...specs));
    expect(map.heads).toEqual(heads);
    expect(map.bases).toEqual(bases);
  });

  test("dependsOn keeps the dependency a head but not a real head", () => {
    const map = branchy();
    expect(map.heads).toEqual(["dddd4444", "ffff6666", "zzzz9999"]);
    expect(map.realHeads).toEqual(["dddd4444", "ffff6666", "zzzz9999"]);
    const dep = RevisionMap.build(graph("a000", "b000", "c000:b000 dep=a000"));
    expect(dep.heads).toEqual(["a000", "c000"]);
    expect(dep.realHeads).toEqual(["c000"]);
  });

  test("branch labels reach descendants and ancestors back to the branch point", () => {
    const map = branchy();
    expect([...map.rev("ffff6666").branchLabels]).toEqual(["feat"]);
    expect([...map.rev("bbbb2222").branchLabels]).toEqual([]);
    expect([...map.rev("yyyy8888").branchLabels]).toEqual(["other"]);
    const linear = RevisionMap.build(graph("a000", "b000:a000 label=l", "c000:b000"));
    expect(["a000", "b000", "c000"].map((id) => [...linear.rev(id).branchLabels])).toEqual([
      ["l"],
      ["l"],
      ["l"],
    ]);
  });
});

describe("links by load order", () => {
  const map = branchy();
  const by = (kind: Parameters<RevisionMap["links"]>[0], id: string) => {
    const { at, to } = map.links(kind);
    const r = map.rev(id).order;
    return [...to.subarray(at[r], at[r + 1])].map((i) => map.all[i]!.revision);
  };
  test.each(map.all.map((r) => [r.revision]))("%s: each list matches its Revision's", (id) => {
    const rev = map.rev(id);
    expect(by("down", id)).toEqual(rev.downRevisions);
    expect(by("normalizedDown", id)).toEqual(rev.normalizedDownRevisions);
    expect(by("up", id)).toEqual(rev.nextRevisions);
    expect(by("allUp", id)).toEqual(rev.allNextRevisions);
  });

  test("keys: every id in load order, then the labels; key() finds both", () => {
    expect([...map.keys.keys()]).toEqual([...map.revisions.keys(), "feat", "other"]);
    expect(map.key("feat")?.revision).toBe("eeee5555");
    expect(map.key("cccc3333")?.revision).toBe("cccc3333");
    expect(map.key("cccc")).toBeUndefined();
  });
});

describe("a graph built before without error (checked)", () => {
  // What a user sees of a graph: the same whether its error checks ran or were skipped.
  const shape = (map: RevisionMap) => ({
    heads: map.heads,
    realHeads: map.realHeads,
    bases: map.bases,
    realBases: map.realBases,
    revisions: map.all.map((r) => [
      r.revision,
      r.nextRevisions,
      r.allNextRevisions,
      r.normalizedDownRevisions,
      [...r.branchLabels],
    ]),
  });
  test.each([
    ["linear", ["a000", "b000:a000", "c000:b000"]],
    ["merge", ["a000", "b000:a000", "c000:a000", "m000:b000,c000"]],
    ["dependencies", ["a000", "b000:a000", "c000:a000 dep=b000", "d000:c000 dep=b000"]],
    ["labels", ["a000 label=x", "b000:a000", "c000:b000 label=y", "d000:b000"]],
  ])("%s: the same graph", (_name, specs) => {
    const headers = graph(...specs);
    expect(shape(RevisionMap.build(headers, true))).toEqual(shape(RevisionMap.build(headers)));
  });

  test("skips the checks that only find errors", () => {
    // A graph with a cycle cannot have been built before; were it, no sort would run.
    const cyclic = graph("a000:b000", "b000:a000");
    expect(() => RevisionMap.build(cyclic)).toThrow(/cycle/i);
    expect(RevisionMap.build(cyclic, true).heads).toEqual([]);
  });
});

describe("identifiers", () => {
  const map = branchy();
  test.each([
    ["full id", "cccc3333", ["cccc3333"]],
    ["partial id of 3 still matches longer ids", "ccc", ["cccc3333"]],
    ["too short and unknown", "qq", null],
    ["unique partial of 4", "cccc", ["cccc3333"]],
    ["branch label", "feat", ["eeee5555"]],
    ["label@head", "feat@head", ["ffff6666"]],
    ["label@heads", "other@heads", ["zzzz9999"]],
    ["base", "base", []],
    ["heads", "heads", ["dddd4444", "ffff6666", "zzzz9999"]],
    ["label@rev", "feat@ffff", ["ffff6666"]],
    ["-1 from heads on a branch", "feat@-1", ["eeee5555"]],
  ])("%s: %s", (_name, identifier, expected) => {
    if (expected === null) {
      expect(() => getRevisions(map, identifier)).toThrow(
        // Not "partial ids need at least four characters": 'ccc' above matches.
        /^No such revision or branch 'qq'\.$/,
      );
    } else {
      expect(ids(getRevisions(map, identifier))).toEqual(expected);
    }
  });

  test.each([
    ["unknown", "nope9999", "unknown_revision", /No such revision or branch 'nope9999'/],
    [
      "several heads for head",
      "head",
      "multiple_heads",
      /several heads \(dddd4444, ffff6666, zzzz9999\)/,
    ],
    [
      "label not on rev's branch",
      "feat@dddd4444",
      "not_in_branch",
      /not a member of branch 'feat'/,
    ],
    [
      "unknown branch",
      "nobranch@head",
      "unknown_revision",
      /No such revision or branch 'nobranch'/,
    ],
    [
      "unknown branch with a revision",
      "nobranch@cccc",
      "unknown_revision",
      /No such branch: 'nobranch'/,
    ],
  ])("%s", (_name, identifier, code, message) => {
    try {
      getRevision(map, identifier);
      expect.unreachable();
    } catch (error) {
      expect(isMigError(error) && error.code).toBe(code);
      expect((error as Error).message).toMatch(message);
    }
  });

  test("ambiguous partial id names the candidates", () => {
    const amb = RevisionMap.build(graph("abcd1111", "abcd2222:abcd1111"));
    expect(() => getRevision(amb, "abcd")).toThrow(
      /Several revisions start with 'abcd': 'abcd1111', 'abcd2222'/,
    );
  });
});

describe("graph errors", () => {
  test.each([
    [
      "cycle",
      ["a000:c000", "b000:a000", "c000:b000"],
      "cycle",
      /^The revision graph has a cycle: a000 -> c000 -> b000 -> a000, each naming the next in its downRevision\.$/,
    ],
    [
      "cycle beside a good line",
      ["r000", "a000:c000", "b000:a000", "c000:b000"],
      "cycle",
      /cycle: a000 -> c000 -> b000 -> a000,/,
    ],
    [
      "dependency cycle",
      ["a000 dep=b000", "b000 dep=a000"],
      "dependency_cycle",
      /dependency cycle: a000 -> b000 -> a000, each naming the next in its downRevision or dependsOn\./,
    ],
    // Only the loop, not every revision after it (Alembic's list): here r000..z000 hang
    // below it, and the loop's two used to be cut off the end of the list.
    [
      "dependency cycle below a long line",
      [
        "r000",
        "s000:r000",
        "t000:s000",
        "u000:t000",
        "v000:u000",
        "w000:v000",
        "x000:w000",
        "y000:x000",
        "z000:y000 dep=zz01",
        "zz01:z000",
      ],
      "dependency_cycle",
      /dependency cycle: z000 -> zz01 -> z000,/,
    ],
    ["a revision naming itself", ["a000:a000"], "cycle", /cycle: a000 -> a000,/],
    ["duplicate id", ["a000", "a000"], "duplicate_revision", /a000 is declared more than once/],
    [
      "missing down revision",
      ["b000:a000"],
      "missing_down_revision",
      /Revision a000, named in downRevision of b000, is not present/,
    ],
    [
      "missing dependency",
      ["b000 dep=q000"],
      "missing_down_revision",
      /named in dependsOn of b000/,
    ],
    [
      "label used twice",
      ["a000 label=x", "b000:a000 label=x"],
      "duplicate_branch_label",
      /Branch label 'x' in revision b000 is already used by revision a000/,
    ],
    ["bad id", ["a-b"], "invalid_revision_id", /not allowed/],
  ])("%s", (_name, specs, code, message) => {
    try {
      RevisionMap.build(graph(...specs));
      expect.unreachable();
    } catch (error) {
      expect(isMigError(error) && error.code).toBe(code);
      expect((error as Error).message).toMatch(message);
    }
  });
});
