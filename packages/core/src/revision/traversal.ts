import type { Revision } from "./revision.js";
import { RevisionError } from "./revision-errors.js";
import type { RevisionMap } from "./revision-map.js";

type Next = (rev: Revision) => readonly string[];

export const viaDown: Next = (r) => r.downRevisions;
export const viaNormalizedDown: Next = (r) => r.normalizedDownRevisions;
export const viaAllDown: Next = (r) => r.allDownRevisions;
export const viaNext: Next = (r) => r.nextRevisions;
export const viaAllNext: Next = (r) => r.allNextRevisions;

/**
 * Depth-first walk from `targets` along `next`, yielding each revision once, targets
 * included, in the order reached (a Set iterates in insertion order). With `check`, a
 * target reached from another target is an error, as when an upgrade names both a
 * revision and its ancestor.
 */
export function related(
  map: RevisionMap,
  targets: Iterable<Revision>,
  next: Next,
  check = false,
): Set<Revision> {
  const seen = new Set<Revision>();
  const targetList = [...targets];
  const targetSet = check ? new Set(targetList) : undefined;
  for (const target of targetList) {
    const todo: Revision[] = [target];
    const overlaps: Revision[] = [];
    while (todo.length > 0) {
      const rev = todo.pop()!;
      if (targetSet && rev !== target && targetSet.has(rev)) overlaps.push(rev);
      if (seen.has(rev)) continue;
      seen.add(rev);
      for (const id of next(rev)) todo.push(map.rev(id));
    }
    if (overlaps.length > 0) {
      const ids = [...new Set(overlaps.map((r) => r.revision))];
      throw new RevisionError(
        "overlapping_targets",
        `Requested revision ${target.revision} overlaps with other requested revisions ${ids.join(", ")}.`,
        "Name only revisions that are not ancestors of one another.",
        { usage: true },
      );
    }
  }
  return seen;
}

export interface WalkOptions {
  readonly dependencies?: boolean;
  readonly check?: boolean;
}

/** `targets` and their ancestors, in the order reached. */
export function ancestors(
  map: RevisionMap,
  targets: Iterable<Revision>,
  options: WalkOptions = {},
): Revision[] {
  return [...ancestorSet(map, targets, options)];
}

/** `targets` and their descendants, in the order reached. */
export function descendants(
  map: RevisionMap,
  targets: Iterable<Revision>,
  options: WalkOptions = {},
): Revision[] {
  return [...descendantSet(map, targets, options)];
}

/** As `ancestors`, as the set the walk built (no copy). */
export function ancestorSet(
  map: RevisionMap,
  targets: Iterable<Revision>,
  { dependencies = true, check = false }: WalkOptions = {},
): Set<Revision> {
  return related(map, targets, dependencies ? viaNormalizedDown : viaDown, check);
}

/** As `descendants`, as the set the walk built (no copy). */
export function descendantSet(
  map: RevisionMap,
  targets: Iterable<Revision>,
  { dependencies = true, check = false }: WalkOptions = {},
): Set<Revision> {
  return related(map, targets, dependencies ? viaAllNext : viaNext, check);
}
