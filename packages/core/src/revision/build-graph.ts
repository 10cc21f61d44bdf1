import { type Links, links, parentsFirst, reverse, withDependencies } from "./graph-links.js";
import { graphLoops } from "./graph-loops.js";
import { dedupe, LabelSets, Revision } from "./revision.js";
import {
  CycleError,
  DuplicateBranchLabelError,
  DuplicateRevisionError,
  MissingDownRevisionError,
  RevisionError,
} from "./revision-errors.js";
import type { RevisionHeader } from "./revision-header.js";

const ILLEGAL_ID_CHARS = ["@", "-", "+", ":", ","];
const ILLEGAL = /[@\-+:,\s]/;
const NO_OPTIONS = {}; // shared: a default `{}` is a new object on each of 10,000 calls

interface Graph {
  /** By load order (`Revision.order`). */
  readonly all: readonly Revision[];
  /** Parents through down revisions, and children through them or through dependencies. */
  readonly down: Links;
  readonly up: Links;
  readonly allUp: Links;
  readonly anyDependencies: boolean;
  readonly revisions: Map<string, Revision>;
  /** Branch labels, each naming its revision (ids and labels never clash). */
  readonly labels: Map<string, Revision>;
  readonly heads: string[];
  readonly realHeads: string[];
  readonly bases: string[];
  readonly realBases: string[];
}

/**
 * Links headers into a graph the way Alembic's RevisionMap does, rejecting what it would
 * crash on. `checked`: these very headers were built into a graph without error before
 * (graph-memo.ts), so the checks that only find errors (ids, cycles) are skipped.
 */
export function buildGraph(headers: readonly RevisionHeader[], checked = false): Graph {
  const n = headers.length;
  // Revisions by load order; the walks below use these integer indices, not id lookups.
  const all: Revision[] = new Array(n);
  const revisions = new Map<string, Revision>();
  const labelled: Revision[] = [];
  let anyDependencies = false;
  for (let i = 0; i < n; i++) {
    const header = headers[i]!;
    if (!checked) verifyRevisionId(header.revision);
    if (revisions.has(header.revision)) throw new DuplicateRevisionError(header.revision);
    const rev = new Revision(header, i);
    all[i] = rev;
    revisions.set(header.revision, rev);
    if (rev.declaredBranchLabels.length > 0) labelled.push(rev);
    if (rev.dependsOn.length > 0) anyDependencies = true;
  }

  // Labels apart from ids: a copy of the 10,000 ids with a few labels costs more than two lookups.
  const labels = new Map<string, Revision>();
  const key = (name: string) => revisions.get(name) ?? labels.get(name);
  for (const rev of labelled) {
    for (const label of rev.declaredBranchLabels) {
      const other = key(label);
      if (other !== undefined) {
        throw new DuplicateBranchLabelError(
          label,
          rev.revision,
          revisions.has(label) ? label : other.revision,
        );
      }
      labels.set(label, rev);
    }
  }

  if (anyDependencies) {
    for (let i = 0; i < n; i++) {
      const rev = all[i]!;
      if (rev.dependsOn.length === 0) continue;
      rev.resolvedDependencies = rev.dependsOn.map((dep) => {
        const target = key(dep);
        if (target === undefined)
          throw new MissingDownRevisionError(rev.revision, dep, "dependsOn");
        return target.revision;
      });
    }
  }

  const down = links(all, revisions);
  const allDown = anyDependencies ? withDependencies(all, revisions, down) : down;
  const up = reverse(down, n);
  const allUp = anyDependencies ? reverse(allDown, n) : up;
  const children = { all, up, allUp };
  for (let i = 0; i < n; i++) all[i]!.linkChildren(children);

  const heads: string[] = [];
  const realHeads: string[] = [];
  const bases: string[] = [];
  const realBases: string[] = [];
  for (let i = 0; i < n; i++) {
    const rev = all[i]!; // indexed: see graph-links.ts
    // As Revision's isHead, isRealHead, isBase, isRealBase, read from the links directly.
    if (up.at[i + 1] === up.at[i]) heads.push(rev.revision);
    if (allUp.at[i + 1] === allUp.at[i]) realHeads.push(rev.revision);
    if (rev.downRevisions.length === 0) {
      bases.push(rev.revision);
      if (rev.dependsOn.length === 0) realBases.push(rev.revision);
    }
  }
  // Kahn's sort proves a graph acyclic in linear time; only a graph that fails it pays
  // for Alembic's reachability check, which names the revisions involved. A checked
  // graph sorts only to normalise dependencies.
  const sorted = !checked || anyDependencies;
  const order = sorted ? parentsFirst(down, up) : undefined;
  if (sorted && !order) throw cycleError(revisions, (r) => r.downRevisions, false);
  // Without any dependsOn the second graph is the first one: no need to sort it again.
  if (anyDependencies && !checked && !parentsFirst(allDown, allUp)) {
    throw cycleError(revisions, (r) => r.allDownRevisions, true);
  }
  if (anyDependencies) normalizeDependencies(all, down, order!);
  const labelSets = new LabelSets();
  const seen = new Uint8Array(labelled.length > 0 ? n : 0);
  for (const rev of labelled) propagateLabels(all, up, down, rev, labelSets, seen);
  return {
    all,
    down,
    up,
    allUp,
    anyDependencies,
    revisions,
    labels,
    heads,
    realHeads,
    bases,
    realBases,
  };
}

/** `usage`: the id came from the command line (`--rev-id`), not from a script's header. */
export function verifyRevisionId(id: string, options: { usage?: boolean } = NO_OPTIONS): void {
  if (plainId(id) || (id.length > 0 && !ILLEGAL.test(id))) return;
  const bad = ILLEGAL_ID_CHARS.filter((c) => id.includes(c));
  if (id.length === 0 || /\s/.test(id) || bad.length > 0) {
    throw new RevisionError(
      "invalid_revision_id",
      `Revision id '${id}' is not allowed${bad.length ? `: it contains ${bad.map((c) => `'${c}'`).join(", ")}` : ""}.`,
      "Use letters, digits and underscores only.",
      options,
    );
  }
}

/** Letters, digits and underscores only (nearly every id): checked without the regex, which allocates per call. */
function plainId(id: string): boolean {
  if (id.length === 0) return false;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    if (!ok) return false;
  }
  return true;
}

const NO_DEPENDENCIES: ReadonlySet<string> = new Set();

/**
 * Drops dependencies already declared by an ancestor (through down revisions). Walks the
 * graph once, parents first, carrying the dependencies declared along each line; a line
 * without merges or new dependencies shares its parent's set instead of copying it.
 */
function normalizeDependencies(all: readonly Revision[], down: Links, order: Int32Array): void {
  const declared: ReadonlySet<string>[] = new Array(all.length);
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    const rev = all[r]!;
    let above: ReadonlySet<string> = NO_DEPENDENCIES;
    for (let k = down.at[r]!; k < down.at[r + 1]!; k++) {
      const parentSet = declared[down.to[k]!]!;
      if (parentSet.size === 0 || parentSet === above) continue;
      if (above.size === 0) above = parentSet;
      else above = new Set([...above, ...parentSet]);
    }
    const own = rev.resolvedDependencies;
    if (own.length > 0) {
      rev.normalizedDependencies = dedupe(own.filter((d) => !above.has(d)));
      above = new Set([...above, ...own]);
    }
    declared[r] = above;
  }
}

/** The loops themselves (graph-loops.ts), not every revision a loop leaves unreachable. */
function cycleError(
  revisions: ReadonlyMap<string, Revision>,
  down: (r: Revision) => readonly string[],
  viaDependencies: boolean,
): CycleError {
  return new CycleError(graphLoops(revisions, down), viaDependencies);
}

/**
 * A label reaches every descendant of the revision declaring it, and, walking down from
 * the last descendant found, every revision back to the nearest branch point or merge
 * point. When the labelled revision's descendants branch, that walk stops above it.
 * Walks the children and parents by index (`up`, `down`), not by id.
 */
function propagateLabels(
  all: readonly Revision[],
  up: Links,
  down: Links,
  labelled: Revision,
  sets: LabelSets,
  seen: Uint8Array,
): void {
  // Like Alembic, carry every label the revision holds by now, inherited ones included.
  const labels = [...labelled.branchLabels];
  let last = labelled.order;
  seen.fill(0);
  const todo = [labelled.order];
  while (todo.length > 0) {
    const r = todo.pop()!;
    if (seen[r] === 1) continue;
    seen[r] = 1;
    for (let k = up.at[r]!; k < up.at[r + 1]!; k++) todo.push(up.to[k]!);
    for (const label of labels) all[r]!.addBranchLabel(label, sets);
    last = r;
  }
  let parent: Revision | undefined = all[last];
  while (parent && !parent.isRealBranchPoint && !parent.isMergePoint) {
    for (const label of labels) parent.addBranchLabel(label, sets);
    const r = parent.order;
    parent = down.at[r + 1]! > down.at[r]! ? all[down.to[down.at[r]!]!] : undefined;
  }
}
