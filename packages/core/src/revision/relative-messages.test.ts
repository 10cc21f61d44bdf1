import { describe, expect, test } from "vitest";
import { graph } from "../../test/graph-fixtures.js";
import { isMigError } from "../errors/mig-error.js";
import { planDowngrade, planUpgrade, walkRevisions } from "./plan.js";
import { RevisionMap } from "./revision-map.js";

// a - b - c          e - f
//      \      (two bases)
//       d, and m merges c and d
const map = RevisionMap.build(
  graph("a000", "b000:a000", "c000:b000", "d000:b000", "m000:c000,d000", "e000", "f000:e000"),
);

function failure(run: () => unknown): { code: string; message: string; hint?: string } {
  try {
    run();
  } catch (error) {
    if (!isMigError(error)) throw error;
    return {
      code: error.code,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
    };
  }
  throw new Error("expected a MigError");
}

describe("relative targets say what went wrong", () => {
  test.each([
    {
      what: "down +1 moves up",
      run: () => planDowngrade(map, ["b000"], "+1"),
      message: "'+1' moves up, but a downgrade only moves down.",
      hint: "Use `mig up +1` to apply migrations, or `mig down -1` to undo them.",
    },
    {
      what: "down <label>@+2 moves up",
      run: () => planDowngrade(map, ["b000"], "f000@+2"),
      message: "'f000@+2' moves up, but a downgrade only moves down.",
      hint: "Use `mig up f000@+2` to apply migrations, or `mig down f000@-2` to undo them.",
    },
    {
      what: "up -1 moves down",
      run: () => planUpgrade(map, ["b000"], "-1"),
      message: "'-1' moves down, but an upgrade only moves up.",
      hint: "Use `mig down -1` to undo migrations, or `mig up +1` to apply them.",
    },
    {
      what: "up +0 moves nowhere",
      run: () => planUpgrade(map, ["b000"], "+0"),
      message: "'+0' moves no steps.",
      hint: "Give a count of 1 or more, e.g. `mig up +1`.",
    },
    {
      what: "down -0 moves nowhere",
      run: () => planDowngrade(map, ["b000"], "-0"),
      message: "'-0' moves no steps.",
      hint: "Give a count of 1 or more, e.g. `mig down -1`.",
    },
    {
      what: "up -1 at base moves down",
      run: () => planUpgrade(map, [], "-1"),
      message: "'-1' moves down, but an upgrade only moves up.",
    },
    {
      what: "down -1 at base",
      run: () => planDowngrade(map, [], "-1"),
      message: "The database is at base: there is nothing to downgrade.",
    },
    {
      what: "down -3 from two above base",
      run: () => planDowngrade(map, ["b000"], "-3"),
      message: "'-3' goes below base: the database is at b000, only 2 steps above base.",
      hint: "Use a smaller step, or `mig down base` to undo every migration.",
    },
    {
      what: "down <rev>-2 from one above base",
      run: () => planDowngrade(map, ["f000"], "e000-2"),
      message: "'e000-2' goes below base: e000 is only 1 step above base.",
    },
    {
      what: "up +3 from one below a head",
      run: () => planUpgrade(map, ["e000"], "+3"),
      message: "'+3' goes past the head: the database is at e000, only 1 step below a head.",
      hint: "Use a smaller step, or `mig up head` (`heads` for every branch) to apply everything.",
    },
    {
      what: "up +1 at a head",
      run: () => planUpgrade(map, ["f000"], "+1"),
      message: "'+1' goes past the head: the database is at f000, at a head.",
    },
    {
      what: "up +1 from base with two bases",
      run: () => planUpgrade(map, [], "+1"),
      message:
        "Cannot step up from base by a relative number: there are several bases (a000, e000).",
      hint: "Name the branch: `mig up a000`, or <branchname>@+N.",
    },
    {
      what: "up +1 at a branch point",
      run: () => planUpgrade(map, ["b000"], "+1"),
      message: "Cannot step up from b000 by a relative number: it is a branch point (c000, d000).",
      hint: "Name the branch: `mig up c000`, or <branchname>@+N.",
    },
    {
      what: "down -1 at a merge point",
      run: () => planDowngrade(map, ["m000"], "-1"),
      message:
        "Cannot step down from m000 by a relative number: it is a merge point of c000, d000.",
      hint: "Downgrade to one of its parents by id instead: `mig down c000` undoes m000 (and what is above it) and keeps c000, d000 applied.",
    },
  ])("$what", ({ run, message, hint }) => {
    const error = failure(run);
    expect(error.message).toBe(message);
    if (hint) expect(error.hint).toBe(hint);
  });

  test.each([
    {
      what: "history -r :-1",
      run: () => walkRevisions(map, "base", "-1"),
      message: "'-1' counts down from the current revision, which cannot be used here.",
      hint: "Name the revision by id instead, e.g. `mig history -r <rev>:head`.",
    },
    {
      what: "history -r -1: through a merge point",
      run: () => walkRevisions(map, "-1", "heads"),
      message:
        "Cannot step down from m000 by a relative number: it is a merge point of c000, d000.",
      hint: "Name one of its parents (c000, d000) by id instead.",
    },
    {
      what: "history -r b000:+1 at a branch point",
      run: () => walkRevisions(map, "b000", "+1"),
      message: "Cannot step up from b000 by a relative number: it is a branch point (c000, d000).",
      hint: "Name one of c000, d000 by id instead, or use <branchname>@+N.",
    },
  ])("a history range does not suggest up or down: $what", ({ run, message, hint }) => {
    const error = failure(run);
    expect(error.message).toBe(message);
    expect(error.hint).toBe(hint);
  });

  test("the suggested downgrade at a merge point works and keeps both parents", () => {
    const steps = planDowngrade(map, ["m000"], "c000");
    expect(steps.map((s) => `${s.direction} ${s.revision}`)).toEqual(["down m000"]);
  });

  test("a target must be a whole relative step, or else a revision", () => {
    for (const run of [
      () => planUpgrade(map, ["b000"], "+1.5"),
      () => planDowngrade(map, ["m000"], "-1x"),
      () => planUpgrade(map, ["b000"], "c000+1.5"),
    ]) {
      const error = failure(run);
      expect(error.message).toMatch(
        /^'(c000)?[+-]1(\.5|x)' is neither a revision nor a relative step\.$/,
      );
      expect(error.hint).toBe(
        "A relative step is a whole number of steps: +1, -2, ae10+1, branch@-1.",
      );
    }
  });

  test("overlapping rows are said to be the version table's, with the repair", () => {
    for (const run of [() => planUpgrade(map, ["c000", "b000"], "heads")]) {
      const error = failure(run);
      expect(error.code).toBe("overlapping_targets");
      expect(error.message).toMatch(
        /^The current revisions (c000, b000|b000, c000) are on one line \(one is an ancestor of another\), but a database holds one row per head\.$/,
      );
      expect(error.hint).toMatch(/^Rewrite the version table with `mig stamp --purge (c000|b000)`/);
    }
    // Targets the user names keep Alembic's wording.
    expect(failure(() => planUpgrade(map, [], ["c000", "b000"] as never)).message).toMatch(
      /^Requested revision/,
    );
  });
});
