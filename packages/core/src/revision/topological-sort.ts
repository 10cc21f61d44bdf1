import type { Revision } from "./revision.js";
import { RevisionError } from "./revision-errors.js";
import type { RevisionMap } from "./revision-map.js";

/**
 * Orders `revisions` from the top down (each before its parents), the way Alembic does:
 * follow one head's line until the next revision is also an ancestor of another pending
 * head, then switch to that head. Load order breaks ties between heads.
 */
export function topologicalSort(
  map: RevisionMap,
  revisions: ReadonlySet<Revision>,
  heads: readonly Revision[],
): Revision[] {
  // Flags by load order instead of copied sets: `history` sorts every revision there is.
  const TODO = 1;
  const CURRENT = 2;
  const state = new Uint8Array(map.size);
  for (const rev of revisions) state[rev.order] = TODO;
  let left = revisions.size;
  const current: Revision[] = [...new Set(heads)]
    .filter((h) => state[h.order] === TODO)
    .sort((a, b) => a.order - b.order);
  const output: Revision[] = [];
  for (const rev of current) state[rev.order]! |= CURRENT;
  let index = 0;
  while (current.length > 0) {
    const candidate = current[index]!;
    let switched = false;
    for (let j = 0; j < current.length; j++) {
      if (j !== index && map.isAncestorOrSelf(candidate, current[j]!)) {
        index = j;
        switched = true;
        break;
      }
    }
    if (switched) continue;
    if (state[candidate.order]! & TODO) {
      output.push(candidate);
      left--;
    }
    const toAdd: Revision[] = [];
    for (const id of candidate.normalizedDownRevisions) {
      const parent = map.rev(id);
      if (state[parent.order] === TODO) toAdd.push(parent);
    }
    state[candidate.order] = 0;
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
