import type { Links } from "./links.js";
import type { Revision } from "./revision.js";
import { MissingDownRevisionError } from "./revision-errors.js";

export type { Links };

/** Each revision's down revisions, as load-order indices; a missing one is an error. */
export function links(all: readonly Revision[], revisions: ReadonlyMap<string, Revision>): Links {
  const at = new Int32Array(all.length + 1);
  let total = 0;
  for (let i = 0; i < all.length; i++) {
    total += all[i]!.downRevisions.length;
    at[i + 1] = total;
  }
  const to = new Int32Array(total);
  // Indexed loops throughout: graph building runs once per command, mostly before V8
  // optimises it, and an unoptimised for-of makes an iterator and a result per step.
  for (let i = 0, k = 0; i < all.length; i++) {
    const rev = all[i]!;
    const ids = rev.downRevisions;
    for (let j = 0; j < ids.length; j++) {
      const parent = revisions.get(ids[j]!);
      if (parent === undefined)
        throw new MissingDownRevisionError(rev.revision, ids[j]!, "downRevision");
      to[k++] = parent.order;
    }
  }
  return { at, to };
}

/**
 * `down` with each revision's resolved dependencies added after its down revisions (as
 * `allDownRevisions` orders them), or with `normalized` only those not implied by an
 * ancestor (`normalizedDownRevisions`); revisions without any copy their range.
 */
export function withDependencies(
  all: readonly Revision[],
  revisions: ReadonlyMap<string, Revision>,
  down: Links,
  normalized = false,
): Links {
  const parents = (r: Revision) => (normalized ? r.normalizedDownRevisions : r.allDownRevisions);
  const at = new Int32Array(all.length + 1);
  let total = 0;
  for (let i = 0; i < all.length; i++) {
    total += parents(all[i]!).length;
    at[i + 1] = total;
  }
  const to = new Int32Array(total);
  for (let i = 0, k = 0; i < all.length; i++) {
    const rev = all[i]!;
    const extra = normalized ? rev.normalizedDependencies : rev.resolvedDependencies;
    if (extra.length === 0) {
      for (let j = down.at[i]!; j < down.at[i + 1]!; j++) to[k++] = down.to[j]!;
      continue;
    }
    // Dependencies were resolved to existing revisions, so every id is found.
    const ids = parents(rev);
    for (let j = 0; j < ids.length; j++) to[k++] = revisions.get(ids[j]!)!.order;
  }
  return { at, to };
}

/** The children lists of `links`, each in load order. */
export function reverse({ at, to }: Links, n: number): Links {
  const count = new Int32Array(n + 1);
  for (let k = 0; k < to.length; k++) count[to[k]! + 1]! += 1;
  for (let i = 0; i < n; i++) count[i + 1]! += count[i]!;
  const out = new Int32Array(to.length);
  const fill = count.slice(0, n);
  for (let child = 0; child < n; child++) {
    for (let k = at[child]!; k < at[child + 1]!; k++) out[fill[to[k]!]!++] = child;
  }
  return { at: count, to: out };
}

/** Load-order indices ordered parents first, or undefined when there is a cycle. */
export function parentsFirst(parents: Links, children: Links): Int32Array | undefined {
  const n = parents.at.length - 1;
  const waiting = new Int32Array(n);
  // `order` doubles as the queue: everything before `i` has been released.
  const order = new Int32Array(n);
  let length = 0;
  for (let r = 0; r < n; r++) {
    const count = parents.at[r + 1]! - parents.at[r]!;
    if (count === 0) order[length++] = r;
    else waiting[r] = count;
  }
  for (let i = 0; i < length; i++) {
    const r = order[i]!;
    for (let k = children.at[r]!; k < children.at[r + 1]!; k++) {
      const child = children.to[k]!;
      if (--waiting[child]! === 0) order[length++] = child;
    }
  }
  return length === n ? order : undefined;
}
