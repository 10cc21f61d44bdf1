import type { Revision } from "./revision.js";
import {
  AmbiguousRevisionError,
  AmbiguousWalkError,
  MultipleHeadsError,
  RevisionError,
  UnknownRevisionError,
} from "./revision-errors.js";
import type { RevisionMap } from "./revision-map.js";
import { ancestors, descendants } from "./traversal.js";

/** A walk past the first revision lands on `base`, the empty state before any revision. */
export const BASE = "base";
export type Resolved = Revision | typeof BASE | null;

interface Parsed {
  readonly ids: readonly string[];
  readonly label: string | null;
}

/** Splits `label@symbol` and expands `head`, `heads` and `base`. */
export function resolveRevisionNumber(map: RevisionMap, identifier: string | null): Parsed {
  let label: string | null = null;
  let id = identifier;
  if (id?.includes("@")) {
    const at = id.indexOf("@");
    label = id.slice(0, at);
    id = id.slice(at + 1);
  }
  if (id === "heads") {
    return { ids: label ? filterForLineage(map, map.heads, label) : map.realHeads, label };
  }
  if (id === "head") {
    const head = currentHead(map, label);
    return { ids: head === null ? [] : [head], label };
  }
  if (id === "base" || id === null || id === "") return { ids: [], label };
  return { ids: [id], label };
}

/** The single head (of a branch, given a label); several is an error. */
export function currentHead(map: RevisionMap, label: string | null): string | null {
  const heads = label ? filterForLineage(map, map.heads, label) : map.heads;
  if (heads.length > 1) throw new MultipleHeadsError(heads, label ? `${label}@head` : "head");
  return heads[0] ?? null;
}

/** Every revision an identifier (or several) names; `base` names none. */
export function getRevisions(map: RevisionMap, identifier: string | readonly string[]): Resolved[] {
  if (typeof identifier !== "string") return identifier.flatMap((id) => getRevisions(map, id));
  const { ids, label } = resolveRevisionNumber(map, identifier);
  if (ids.length === 1 && /^[+-]?\d+$/.test(ids[0]!) && Number(ids[0]) < 0) {
    // <label>@-n walks down from the heads of that branch.
    let heads = getRevisions(map, "heads") as Revision[];
    if (label !== null) heads = heads.filter((h) => h.branchLabels.has(label));
    return heads.map((head) => walk(map, head, Number(ids[0])));
  }
  return ids.map((id) => revisionForIdent(map, id, label));
}

/** The one revision an identifier names, or null for `base`. */
export function getRevision(map: RevisionMap, identifier: string | null): Revision | null {
  const { ids, label } = resolveRevisionNumber(map, identifier);
  if (ids.length > 1) throw new MultipleHeadsError(ids, identifier ?? "");
  return revisionForIdent(map, ids[0] ?? null, label);
}

export function resolveBranch(map: RevisionMap, label: string): Revision {
  const labelled = map.key(label);
  if (labelled) return labelled;
  try {
    return revisionForIdent(map, label, null)!;
  } catch (error) {
    if (error instanceof UnknownRevisionError) {
      throw new UnknownRevisionError(label, `No such branch: '${label}'.`);
    }
    throw error;
  }
}

/** A full id, a branch label, or a unique prefix of an id or label longer than three characters. */
export function revisionForIdent(
  map: RevisionMap,
  id: string | null,
  branch: string | null,
): Revision | null {
  const branchRev = branch ? resolveBranch(map, branch) : null;
  if (id === null) return null;
  let revision = map.key(id);
  if (revision === undefined) {
    let candidates: string[] = [];
    for (const key of map.keys.keys())
      if (key.length > 3 && key.startsWith(id)) candidates.push(key);
    if (branchRev && branch) candidates = filterForLineage(map, candidates, branch);
    if (candidates.length === 0) throw new UnknownRevisionError(id);
    if (candidates.length > 1) throw new AmbiguousRevisionError(id, candidates);
    revision = map.key(candidates[0]!)!;
  }
  if (branchRev && !sharesLineage(map, revision, [branchRev])) {
    throw new RevisionError(
      "not_in_branch",
      `Revision ${revision.revision} is not a member of branch '${branch}'.`,
      "Check the branch label with `mig branches`.",
      { usage: true },
    );
  }
  return revision;
}

/** The targets that are on the same line of descent as `checkAgainst`. */
export function filterForLineage<T extends string | Revision>(
  map: RevisionMap,
  targets: readonly T[],
  checkAgainst: string,
  includeDependencies = false,
): T[] {
  const { ids, label } = resolveRevisionNumber(map, checkAgainst);
  const shares: string[] = label ? [label, ...ids] : [...ids];
  return targets.filter((t) => sharesLineage(map, t, shares, includeDependencies));
}

export function sharesLineage(
  map: RevisionMap,
  target: string | Revision,
  against: readonly (string | Revision)[],
  includeDependencies = false,
): boolean {
  if (against.length === 0) return true;
  const rev = typeof target === "string" ? revisionForIdent(map, target, null)! : target;
  const others = against.map((a) => (typeof a === "string" ? revisionForIdent(map, a, null) : a));
  const line = new Set(descendants(map, [rev], { dependencies: includeDependencies }));
  for (const r of ancestors(map, [rev], { dependencies: includeDependencies })) line.add(r);
  return others.some((o) => o !== null && line.has(o));
}

/**
 * Walks `steps` revisions up (positive) or down (negative). Past either end it returns
 * null, or with `noOverwalk` false stops where it is. Several ways to go is an error.
 */
export function walk(
  map: RevisionMap,
  start: string | Resolved,
  steps: number,
  label: string | null = null,
  noOverwalk = true,
): Resolved {
  let current: Resolved = typeof start === "string" ? getRevision(map, start) : start;
  for (let i = 0; i < Math.abs(steps); i++) {
    let children: Resolved[];
    if (steps > 0) {
      const ids = current === null || current === BASE ? map.bases : current.nextRevisions;
      const up = ids.map((id) => map.rev(id));
      children = label ? filterForLineage(map, up, label) : up;
    } else if (current === BASE) {
      children = [];
    } else {
      children = getRevisions(map, current === null ? map.heads : current.downRevisions);
      if (children.length === 0) children = [BASE];
    }
    if (children.length === 0) return noOverwalk ? null : current;
    if (children.length > 1) {
      const ids = children.map((c) => (c && c !== BASE ? c.revision : BASE));
      if (current === null || current === BASE) {
        throw steps > 0
          ? new AmbiguousWalkError(BASE, ids, "bases")
          : new AmbiguousWalkError("heads", ids, "heads");
      }
      throw new AmbiguousWalkError(current.revision, ids, steps > 0 ? "branchpoint" : "mergepoint");
    }
    current = children[0]!;
  }
  return current;
}
