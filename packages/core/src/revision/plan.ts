import { collectDowngrade, collectUpgrade } from "./collect.js";
import { BASE, filterForLineage, getRevisions, type Resolved } from "./resolve.js";
import type { Revision } from "./revision.js";
import { RevisionError } from "./revision-errors.js";
import type { RevisionMap } from "./revision-map.js";
import { topologicalSort } from "./topological-sort.js";
import { ancestorSet, descendantSet } from "./traversal.js";

/** One script to run, up or down. */
export interface RevisionStep {
  readonly kind: "revision";
  readonly revision: string;
  readonly direction: "up" | "down";
}

/** A version-table move without running any script (`mig stamp`). */
export interface StampStep {
  readonly kind: "stamp";
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly direction: "up" | "down";
  /** Adds or removes a whole branch row rather than moving one. */
  readonly branchMove: boolean;
}

export type MigrationStep = RevisionStep | StampStep;

const toStep =
  (direction: "up" | "down") =>
  (rev: Revision): RevisionStep => ({
    kind: "revision",
    revision: rev.revision,
    direction,
  });

/** Scripts to run, in order, to take the database from `currentRows` up to `target`. */
export function planUpgrade(
  map: RevisionMap,
  currentRows: string | readonly string[] | null,
  target: string,
): RevisionStep[] {
  const { revisions, heads } = collectUpgrade(map, target, currentRows, {
    implicitBase: true,
    command: "up",
  });
  return topologicalSort(map, revisions, heads).reverse().map(toStep("up"));
}

/** Scripts to undo, in order, to take the database from `currentRows` down to `target`. */
export function planDowngrade(
  map: RevisionMap,
  currentRows: readonly string[],
  target: string,
): RevisionStep[] {
  const { revisions, heads } = collectDowngrade(map, currentRows, target, { command: "down" });
  return topologicalSort(map, revisions, heads).map(toStep("down"));
}

/** Revisions between `base` and `head`, newest first, as `mig history` lists them. */
export function walkRevisions(map: RevisionMap, base = "base", head = "heads"): Revision[] {
  const { revisions, heads } = collectUpgrade(map, head, base, {
    inclusive: true,
    assertRelativeLength: false,
  });
  return topologicalSort(map, revisions, heads);
}

/** Version-table moves that make the rows say `targets` without running scripts. */
export function planStamp(
  map: RevisionMap,
  currentRows: readonly string[],
  targets: readonly string[],
): StampStep[] {
  const headRevs = getRevisions(map, currentRows).filter(
    (r): r is Revision => r !== null && r !== BASE,
  );
  const wanted = targets.length === 0 ? ["base"] : targets;
  const filtered: Revision[] = [];
  for (const t of wanted) {
    for (const h of filterForLineage(map, headRevs, t, true))
      if (!filtered.includes(h)) filtered.push(h);
  }
  let dests = [...new Set(getRevisions(map, wanted))];
  if (dests.length === 0) dests = [null];
  const steps: StampStep[] = [];
  // Rows an earlier target already moved. Alembic (1.8.1 and 1.19) moves them again and
  // crashes (KeyError), e.g. `stamp left right` from their merge point: mig moves what is
  // left, or adds the target as a row of its own.
  const moved = new Set<Revision>();
  for (const dest of dests) {
    const live = filtered.filter((h) => !moved.has(h));
    if (dest === null || dest === BASE) {
      for (const h of live) {
        steps.push({
          kind: "stamp",
          from: [h.revision],
          to: [],
          direction: "down",
          branchMove: true,
        });
        moved.add(h);
      }
      continue;
    }
    if (filtered.includes(dest)) continue;
    const below = descendantSet(map, [dest]);
    const above = ancestorSet(map, [dest]);
    if (filtered.some((h) => below.has(h))) {
      if (filtered.some((h) => above.has(h))) {
        throw new RevisionError(
          "ambiguous_stamp",
          `Cannot stamp ${dest.revision}: the current revisions are both above and below it.`,
          "Use `mig stamp --purge <rev>`.",
          { usage: true },
        );
      }
      if (live.length === 0) {
        assertSeparateLines(map, dest, dests);
        steps.push(newBranchStamp(dest.revision));
        continue;
      }
      steps.push({
        kind: "stamp",
        from: live.map((h) => h.revision),
        to: [dest.revision],
        direction: "down",
        branchMove: false,
      });
    } else if (filtered.some((h) => above.has(h))) {
      // As Alembic: a row in `from` that is gone makes this step add a row instead.
      const adds = live.length < filtered.length;
      steps.push({
        kind: "stamp",
        from: filtered.map((h) => h.revision),
        to: [dest.revision],
        direction: "up",
        branchMove: false,
      });
      if (adds) continue;
    } else {
      steps.push(newBranchStamp(dest.revision));
      continue;
    }
    for (const h of live) moved.add(h);
  }
  return steps;
}

/** A stamp target that gets a row of its own must not be on another target's line. */
function assertSeparateLines(map: RevisionMap, dest: Revision, dests: readonly Resolved[]): void {
  for (const other of dests) {
    if (other === null || other === BASE || other === dest) continue;
    const [low, high] = map.isAncestorOrSelf(dest, other) ? [dest, other] : [other, dest];
    if (map.isAncestorOrSelf(low, high)) {
      throw new RevisionError(
        "ambiguous_stamp",
        `Cannot stamp ${dest.revision} and ${other.revision} together: ${low.revision} is an ancestor of ${high.revision}.`,
        "Stamp one revision per line of history (for example a merge point's parents).",
        { usage: true },
      );
    }
  }
}

/** A stamp that adds `revision` as a row of its own, on a line no current row is on. */
function newBranchStamp(revision: string): StampStep {
  return { kind: "stamp", from: [], to: [revision], direction: "up", branchMove: true };
}
