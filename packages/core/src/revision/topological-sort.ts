import type { Revision } from "./revision.js";
import { RevisionError } from "./revision-errors.js";
import type { RevisionMap } from "./revision-map.js";

/**
 * Orders `revisions` from the top down (each before its parents), the way Alembic does:
 * follow one head's line until the next revision is also an ancestor of another pending
 * head, then switch to that head. Load order breaks ties between heads.
 *
 * No pending head ever descends from a revision already output (it would have been
 * output first), so a revision whose children are all output needs no ancestry check:
 * walking down a line costs one step per revision, not one check per pending head.
 */
export function topologicalSort(
  map: RevisionMap,
  revisions: ReadonlySet<Revision>,
  heads: readonly Revision[],
): Revision[] {
  // Flags by load order instead of copied sets: `history` sorts every revision there is.
  const TODO = 1;
  const CURRENT = 2;
  const DONE = 4;
  const state = new Uint8Array(map.size);
  for (const rev of revisions) state[rev.order] = TODO;
  let left = revisions.size;
  const current: Revision[] = [...new Set(heads)]
    .filter((h) => state[h.order] === TODO)
    .sort((a, b) => a.order - b.order);
  const output: Revision[] = [];
  for (const rev of current) state[rev.order]! |= CURRENT;
  // Children and parents by load order: no id lookups in a walk over every revision.
  const all = map.all;
  const up = map.links("allUp");
  const down = map.links("normalizedDown");
  let index = 0;
  while (current.length > 0) {
    const candidate = current[index]!;
    let switched = false;
    let settled = true;
    const c = candidate.order;
    for (let k = up.at[c]!; k < up.at[c + 1]!; k++) {
      if (!(state[up.to[k]!]! & DONE)) settled = false;
    }
    for (let j = 0; !settled && j < current.length; j++) {
      if (j !== index && map.isAncestorOrSelf(candidate, current[j]!)) {
        index = j;
        switched = true;
        break;
      }
    }
    if (switched) continue;
    const emitted = (state[candidate.order]! & TODO) !== 0;
    if (emitted) {
      output.push(candidate);
      left--;
    }
    const toAdd: Revision[] = [];
    for (let k = down.at[c]!; k < down.at[c + 1]!; k++) {
      if (state[down.to[k]!] === TODO) toAdd.push(all[down.to[k]!]!);
    }
    state[candidate.order] = emitted ? DONE : 0;
    if (toAdd.length === 0) {
      current.splice(index, 1);
      index = Math.max(index - 1, 0);
    } else {
      current[index] = toAdd[0]!;
      for (let k = 1; k < toAdd.length; k++) current.push(toAdd[k]!);
      for (const added of toAdd) state[added.order]! |= CURRENT;
    }
  }
  if (left > 0) {
    const unordered = [...revisions].filter((r) => state[r.order]! & TODO).map((r) => r.revision);
    throw new RevisionError(
      "unordered_revisions",
      `Cannot order revisions ${unordered.join(", ")}: they are reached from the given heads only through dependsOn.`,
      "Widen the range (for example -r base:heads), or name the revisions they depend on.",
    );
  }
  return output;
}
