import { describe, expect, test } from "vitest";
import { graph } from "../../test/graph-fixtures.js";
import { isMigError } from "../errors/mig-error.js";
import { planStamp } from "./plan.js";
import { RevisionMap } from "./revision-map.js";
import { VersionRows } from "./version-rows.js";

// root - left  - mrge - tip
//      \ rght /
const map = RevisionMap.build(
  graph("root", "left:root", "rght:root", "mrge:left,rght", "tip0:mrge", "othr"),
);

/** The version rows after stamping `targets` from `rows`, as a run would leave them. */
function stamped(rows: string[], targets: string[]): string[] {
  const state = new VersionRows(map, rows);
  for (const step of planStamp(map, rows, targets)) state.apply(step);
  return state.rows.sort();
}

describe("stamp several targets below one row", () => {
  // Alembic 1.8.1 and 1.19 both crash here (KeyError in HeadMaintainer._update_version).
  test.each([
    { from: ["mrge"], to: ["left", "rght"], rows: ["left", "rght"] },
    { from: ["mrge"], to: ["rght", "left"], rows: ["left", "rght"] },
    { from: ["tip0"], to: ["left", "rght"], rows: ["left", "rght"] },
    { from: ["tip0", "othr"], to: ["left", "rght"], rows: ["left", "othr", "rght"] },
  ])("stamp $to from $from leaves $rows", ({ from, to, rows }) => {
    expect(stamped(from, to)).toEqual(rows);
  });

  test("targets on one line are refused, not written as a revision and its ancestor", () => {
    let error: unknown;
    try {
      stamped(["mrge"], ["left", "root"]);
    } catch (e) {
      error = e;
    }
    expect(isMigError(error) && error.code).toBe("ambiguous_stamp");
    expect((error as Error).message).toBe(
      "Cannot stamp root and left together: root is an ancestor of left.",
    );
  });

  test("one target below the merge point still moves the one row (as Alembic)", () => {
    expect(stamped(["mrge"], ["left"])).toEqual(["left"]);
    expect(stamped(["mrge"], ["base"])).toEqual([]);
  });
});
