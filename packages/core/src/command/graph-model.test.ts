import { describe, expect, test } from "vitest";
import { graph } from "../../test/graph-fixtures.js";
import { RevisionMap } from "../revision/revision-map.js";
import { dotText } from "./graph-dot.js";
import { xmlText } from "./graph-html.js";
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from "./graph-layout.js";
import { mermaidText } from "./graph-mermaid.js";
import { type GraphModelOptions, graphModel, nodeTitle } from "./graph-model.js";

const chain = (n: number, from = 0, first?: string) =>
  Array.from({ length: n }, (_, i) =>
    i === 0 ? `c${from}${first === undefined ? "" : `:${first}`}` : `c${from + i}:c${from + i - 1}`,
  );

/** Each node as its title, `+` marking an applied one, `*` a current one. */
function shown(specs: string[], options: GraphModelOptions = {}): string[] {
  const model = graphModel(RevisionMap.build(graph(...specs)), options);
  return model.nodes.map(
    (n) =>
      `${n.run ? `${n.revision}..${n.run.last}(${n.run.count})` : nodeTitle(n)}${n.current ? "*" : n.applied ? "+" : ""}`,
  );
}

describe("graphModel collapses runs", () => {
  test.each([
    ["a line", chain(10), {}, ["c0", "c1..c8(8)", "c9"]],
    ["a line, --no-collapse", chain(4), { collapse: false }, ["c0", "c1", "c2", "c3"]],
    ["two in a row stay two boxes' worth", chain(4), {}, ["c0", "c1..c2(2)", "c3"]],
    ["one plain revision is not a run", chain(3), {}, ["c0", "c1", "c2"]],
    [
      "the version table's row splits a run and stands alone",
      chain(10),
      { rows: ["c5"] },
      ["c0+", "c1..c4(4)+", "c5*", "c6..c8(3)", "c9"],
    ],
    [
      "a label, a dependsOn and its target end runs",
      ["c0", "c1:c0", "c2:c1", "c3:c2 label=x", "c4:c3", "c5:c4", "c6:c5 dep=c1", "c7:c6", "c8:c7"],
      {},
      ["c0", "c1", "c2", "c3", "c4..c5(2)", "c6", "c7", "c8"],
    ],
    [
      "branch points and merges are never inside a run",
      ["a", "b:a", "c:b", "d:c", "x:b", "y:x", "z:y", "m:d,z", "n:m"],
      {},
      ["a", "b", "c..d(2)", "x..z(3)", "m", "n"],
    ],
  ])("%s", (_name, specs, options, expected) => {
    expect(shown(specs, options)).toEqual(expected);
  });

  test("edges join the runs; dependsOn edges are marked", () => {
    const map = RevisionMap.build(graph("a", "b:a", "c:b", "d:c", "e:d", "f:a dep=e"));
    const model = graphModel(map);
    const name = new Map(model.nodes.map((n) => [n.id, nodeTitle(n)]));
    const edges = model.edges.map(
      (e) => `${name.get(e.from)}${e.dependsOn ? "..>" : "->"}${name.get(e.to)}`,
    );
    expect(edges.sort()).toEqual(
      ["a->… 3 revisions …", "a->f", "e..>f", "… 3 revisions …->e"].sort(),
    );
  });
});

describe("escaping for each format", () => {
  test.each([
    ['"', "#34;", '\\"', "&#34;"],
    ["<b>&x", "#60;b#62;#38;x", "<b>&amp;x", "&#60;b&#62;&#38;x"],
    ["[a](b){c}", "#91;a#93;(b)#123;c#125;", "[a](b){c}", "[a](b){c}"],
    ["#1 `t`", "#35;1 #96;t#96;", "#1 `t`", "#1 `t`"],
    ["ü 🎉", "#252; #127881;", "ü 🎉", "ü 🎉"],
    ["a\nb\u0000c", "a b c", "a b c", "a b c"],
    ["back\\slash", "back#92;slash", "back\\\\slash", "back\\slash"],
  ])("%j", (text, mermaid, dot, xml) => {
    expect(mermaidText(text)).toBe(mermaid);
    expect(dotText(text)).toBe(dot);
    expect(xmlText(text)).toBe(xml);
  });
});

describe("layoutGraph", () => {
  test("every edge points down, no two boxes overlap, everything inside the picture", () => {
    const specs = [
      "a",
      "b:a",
      "c:a",
      "d:a",
      "e:b",
      "f:c dep=b",
      "g:d",
      "h:e,f",
      "i:h,g",
      "j:a",
      "k:j dep=g",
    ];
    const model = graphModel(RevisionMap.build(graph(...specs)), { collapse: false });
    const layout = layoutGraph(model);
    for (const e of layout.edges) {
      const ys = e.points.map(([, y]) => y);
      expect([...ys].sort((p, q) => p - q)).toEqual(ys);
    }
    for (const p of layout.nodes) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x + NODE_WIDTH).toBeLessThanOrEqual(layout.width);
      expect(p.y + NODE_HEIGHT).toBeLessThanOrEqual(layout.height);
      for (const q of layout.nodes) {
        if (p === q || p.y !== q.y) continue;
        expect(Math.abs(p.x - q.x)).toBeGreaterThanOrEqual(NODE_WIDTH);
      }
    }
  });

  test("no revisions: an empty picture with a positive size", () => {
    const layout = layoutGraph(graphModel(RevisionMap.build([])));
    expect(layout.nodes).toEqual([]);
    expect(layout.width).toBeGreaterThan(0);
    expect(layout.height).toBeGreaterThan(0);
  });
});
