import { collectDowngrade, collectUpgrade } from "./collect.js";
import { BASE, filterForLineage, getRevisions } from "./resolve.js";
import type { Revision } from "./revision.js";
import { RevisionError } from "./revision-errors.js";
import type { RevisionMap } from "./revision-map.js";
import { topologicalSort } from "./topological-sort.js";
import { ancestors, descendants } from "./traversal.js";

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
  const { revisions, heads } = collectUpgrade(map, target, currentRows, { implicitBase: true });
  return topologicalSort(map, revisions, heads).reverse().map(toStep("up"));
}

/** Scripts to undo, in order, to take the database from `currentRows` down to `target`. */
export function planDowngrade(
  map: RevisionMap,
  currentRows: readonly string[],
  target: string,
): RevisionStep[] {
  const { revisions, heads } = collectDowngrade(map, currentRows, target);
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
  for (const dest of dests) {
    if (dest === null || dest === BASE) {
      for (const h of filtered) {
        steps.push({
          kind: "stamp",
          from: [h.revision],
          to: [],
          direction: "down",
          branchMove: true,
        });
      }
      continue;
    }
    if (filtered.includes(dest)) continue;
    const below = new Set(descendants(map, [dest]));
    const above = new Set(ancestors(map, [dest]));
    const from = filtered.map((h) => h.revision);
    if (filtered.some((h) => below.has(h))) {
      if (filtered.some((h) => above.has(h))) {
        throw new RevisionError(
          "ambiguous_stamp",
          `Cannot stamp ${dest.revision}: the current revisions are both above and below it.`,
          "Use `mig stamp --purge <rev>`.",
        );
      }
      steps.push({
        kind: "stamp",
        from,
        to: [dest.revision],
        direction: "down",
        branchMove: false,
      });
    } else if (filtered.some((h) => above.has(h))) {
      steps.push({ kind: "stamp", from, to: [dest.revision], direction: "up", branchMove: false });
    } else {
      steps.push({
        kind: "stamp",
        from: [],
        to: [dest.revision],
        direction: "up",
        branchMove: true,
      });
    }
  }
  return steps;
}
