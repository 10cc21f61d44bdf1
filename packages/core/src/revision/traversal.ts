import type { Revision } from "./revision.js";
import { OverlappingTargetsError } from "./revision-errors.js";
import type { LinkKind, RevisionMap } from "./revision-map.js";

/**
 * Depth-first walk from `targets` along `kind` links, yielding each revision once, targets
 * included, in the order reached (a Set iterates in insertion order). With `check`, a
 * target reached from another target is an error, as when an upgrade names both a
 * revision and its ancestor.
 */
export function related(
  map: RevisionMap,
  targets: Iterable<Revision>,
  kind: LinkKind,
  check = false,
): Set<Revision> {
  const { at, to } = map.links(kind);
  const all = map.all;
  const seen = new Set<Revision>();
  // Flags by load order: 1 reached, 2 a target (with `check`).
  const state = new Uint8Array(map.size);
  const targetList = [...targets];
  if (check) for (const t of targetList) state[t.order]! |= 2;
  const todo: number[] = [];
  for (const target of targetList) {
    todo.push(target.order);
    const overlaps: Revision[] = [];
    while (todo.length > 0) {
      const r = todo.pop()!;
      if (state[r]! & 2 && r !== target.order) overlaps.push(all[r]!);
      if (state[r]! & 1) continue;
      state[r]! |= 1;
      seen.add(all[r]!);
      for (let k = at[r]!; k < at[r + 1]!; k++) todo.push(to[k]!);
    }
    if (overlaps.length > 0) {
      const ids = [...new Set(overlaps.map((r) => r.revision))];
      throw new OverlappingTargetsError(target.revision, ids);
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
  return related(map, targets, dependencies ? "normalizedDown" : "down", check);
}

/** As `descendants`, as the set the walk built (no copy). */
export function descendantSet(
  map: RevisionMap,
  targets: Iterable<Revision>,
  { dependencies = true, check = false }: WalkOptions = {},
): Set<Revision> {
  return related(map, targets, dependencies ? "allUp" : "up", check);
}
