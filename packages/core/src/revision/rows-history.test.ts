import { describe, expect, test } from "vitest";
import { graph } from "../../test/graph-fixtures.js";
import type { MigrationStep } from "./plan.js";
import { planDowngrade, planUpgrade } from "./plan.js";
import { RevisionMap } from "./revision-map.js";
import { RowsHistory } from "./rows-history.js";
import { replayChanges, VersionRows } from "./version-rows.js";

/** A wide graph: a main line, branches off earlier revisions, merges of two heads. */
function wideGraph(size: number, seed: number): RevisionMap {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const specs = ["r0"];
  const heads = new Set(["r0"]);
  let tip = "r0";
  for (let i = 1; i < size; i++) {
    const id = `r${i}`;
    const roll = random();
    const open = [...heads].filter((h) => h !== tip);
    if (roll < 0.15) {
      const from = `r${Math.floor(random() * i)}`;
      specs.push(`${id}:${from}`);
      heads.delete(from);
    } else if (roll < 0.25 && open.length > 0) {
      const other = open[Math.floor(random() * open.length)]!;
      specs.push(`${id}:${tip},${other}`);
      heads.delete(other);
      heads.delete(tip);
      tip = id;
    } else {
      specs.push(`${id}:${tip}`);
      heads.delete(tip);
      tip = id;
    }
    heads.add(id);
  }
  return RevisionMap.build(graph(...specs));
}

/** Each step's rows as VersionRows leaves them, moved one step at a time. */
function eachStepRows(map: RevisionMap, steps: readonly MigrationStep[], start: string[]) {
  const dry = new VersionRows(map, start);
  return steps.map((step) => {
    dry.apply(step);
    return dry.rows;
  });
}

describe("RowsHistory gives each step's rows as moving the rows step by step does", () => {
  test.each([1, 2, 3, 4])("graph %i, up from base and down again, read in any order", (seed) => {
    const map = wideGraph(400, seed);
    const up = planUpgrade(map, [], "heads");
    const upRows = eachStepRows(map, up, []);
    const history = new RowsHistory(map, up, []);
    // The last step first (a run's result), then in order, backwards, and scattered.
    const order = [up.length - 1, ...up.keys(), ...[...up.keys()].reverse()];
    for (let i = 0; i < up.length; i += 7) order.push((i * 37) % up.length);
    const handles = up.map((_, i) => history.after(i));
    for (const i of order) expect(handles[i]!()).toEqual(upRows[i]);
    for (let i = 0; i < up.length; i++) expect(history.changes(i)).toBeDefined();

    const top = upRows.at(-1)!;
    expect(top.length).toBeGreaterThan(5);
    const down = planDowngrade(map, top, "base");
    const downRows = eachStepRows(map, down, top);
    const back = new RowsHistory(map, down, top);
    for (const i of [...down.keys()].reverse()) expect(back.after(i)()).toEqual(downRows[i]);
    expect(downRows.at(-1)).toEqual([]);
  });

  test("a step's rows are one array, unchanged by later reads", () => {
    const map = wideGraph(200, 9);
    const up = planUpgrade(map, [], "heads");
    const history = new RowsHistory(map, up, []);
    const first = history.after(100);
    const rows = first();
    const copy = [...rows];
    for (let i = 0; i < up.length; i++) history.after(i)();
    expect(first()).toBe(rows);
    expect(rows).toEqual(copy);
  });
});

describe("RowsHistory with the scripts' headers", () => {
  const byId = (map: RevisionMap) =>
    new Map(
      [...map.revisions.values()].map((r) => [
        r.revision,
        { header: { ...r, branchLabels: r.declaredBranchLabels } },
      ]),
    );

  test.each([1, 2, 3])(
    "graph %i: the same changes, the graph built only where a step needs it",
    (seed) => {
      const map = wideGraph(300, seed);
      const up = planUpgrade(map, [], "heads");
      const plain = new RowsHistory(map, up, []);
      const headed = new RowsHistory(() => map, up, [], byId(map));
      for (let i = 0; i < up.length; i++) expect(headed.changes(i)).toEqual(plain.changes(i));
    },
  );

  test("a linear run moves its rows by the headers alone: no graph is built", () => {
    const specs = ["r0", ...Array.from({ length: 50 }, (_, i) => `r${i + 1}:r${i}`)];
    const map = RevisionMap.build(graph(...specs));
    const up = planUpgrade(map, [], "heads");
    let built = 0;
    const history = new RowsHistory(
      () => {
        built++;
        return map;
      },
      up,
      [],
      byId(map),
    );
    expect(history.after(up.length - 1)()).toEqual(["r50"]);
    expect(history.changes(3)).toEqual([{ kind: "update", from: "r2", to: "r3" }]);
    expect(built).toBe(0);
    // A merge needs the graph.
    const merged = RevisionMap.build(graph("a", "b", "m:a,b"));
    let asked = 0;
    const steps = planUpgrade(merged, [], "heads");
    new RowsHistory(
      () => {
        asked++;
        return merged;
      },
      steps,
      [],
      byId(merged),
    );
    expect(asked).toBe(1);
  });
});

describe("VersionRows keeps the rows in the order replayChanges gives", () => {
  test("an update to a row already present keeps both, then moves on as an array", () => {
    const map = RevisionMap.build(graph("a", "b:a", "c:b", "d:c"));
    const dry = new VersionRows(map, ["a", "b"]);
    const order = ["a", "b"];
    const steps: MigrationStep[] = [
      { kind: "revision", revision: "b", direction: "up" },
      { kind: "revision", revision: "c", direction: "up" },
      { kind: "revision", revision: "d", direction: "up" },
    ];
    const seen = steps.map((step) => {
      replayChanges(order, dry.apply(step));
      expect(dry.rows).toEqual(order);
      return dry.rows;
    });
    expect(seen).toEqual([
      ["b", "b"],
      ["b", "c"],
      ["b", "d"],
    ]);
  });
});
