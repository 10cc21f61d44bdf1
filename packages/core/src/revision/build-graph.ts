import { dedupe, Revision } from "./revision.js";
import {
  CycleError,
  DuplicateBranchLabelError,
  DuplicateRevisionError,
  MissingDownRevisionError,
  RevisionError,
} from "./revision-errors.js";
import type { RevisionHeader } from "./revision-header.js";

const ILLEGAL_ID_CHARS = ["@", "-", "+", ":", ","];

interface Graph {
  readonly revisions: Map<string, Revision>;
  readonly keys: Map<string, Revision>;
  readonly heads: string[];
  readonly realHeads: string[];
  readonly bases: string[];
  readonly realBases: string[];
}

/** Links headers into a graph the way Alembic's RevisionMap does, rejecting what it would crash on. */
export function buildGraph(headers: readonly RevisionHeader[]): Graph {
  const revisions = new Map<string, Revision>();
  headers.forEach((header, i) => {
    verifyRevisionId(header.revision);
    if (revisions.has(header.revision)) throw new DuplicateRevisionError(header.revision);
    revisions.set(header.revision, new Revision(header, i));
  });

  const keys = new Map<string, Revision>(revisions);
  const labelled = [...revisions.values()].filter((r) => r.declaredBranchLabels.length > 0);
  for (const rev of labelled) {
    for (const label of rev.declaredBranchLabels) {
      const other = keys.get(label);
      if (other !== undefined) {
        throw new DuplicateBranchLabelError(
          label,
          rev.revision,
          revisions.has(label) ? label : other.revision,
        );
      }
      keys.set(label, rev);
    }
  }

  for (const rev of revisions.values()) {
    if (rev.dependsOn.length === 0) continue;
    rev.resolvedDependencies = rev.dependsOn.map((dep) => {
      const target = keys.get(dep);
      if (target === undefined) throw new MissingDownRevisionError(rev.revision, dep, "dependsOn");
      return target.revision;
    });
  }

  const heads = new Set(revisions.values());
  const realHeads = new Set(revisions.values());
  for (const rev of revisions.values()) {
    for (const down of rev.downRevisions) {
      if (!revisions.has(down))
        throw new MissingDownRevisionError(rev.revision, down, "downRevision");
    }
    for (const down of rev.allDownRevisions) {
      const parent = revisions.get(down)!;
      if (!parent.allNextRevisions.includes(rev.revision))
        parent.allNextRevisions.push(rev.revision);
      if (rev.downRevisions.includes(down)) {
        if (!parent.nextRevisions.includes(rev.revision)) parent.nextRevisions.push(rev.revision);
        heads.delete(parent);
      }
      realHeads.delete(parent);
    }
  }

  const all = [...revisions.values()];
  const bases = all.filter((r) => r.isBase);
  const realBases = all.filter((r) => r.isRealBase);
  // Kahn's sort proves a graph acyclic in linear time; only a graph that fails it pays
  // for Alembic's reachability check, which names the revisions involved.
  const order = parentsFirst(
    revisions,
    all,
    (r) => r.downRevisions,
    (r) => r.nextRevisions,
  );
  if (!order) {
    detectCycles(
      revisions,
      [...heads],
      bases,
      (r) => r.downRevisions,
      (r) => r.nextRevisions,
      false,
    );
    throw new CycleError(all.map((r) => r.revision).sort(), false);
  }
  // Without any dependsOn the second graph is the first one: no need to sort it again.
  const anyDependencies = all.some((r) => r.dependsOn.length > 0);
  if (
    anyDependencies &&
    !parentsFirst(
      revisions,
      all,
      (r) => r.allDownRevisions,
      (r) => r.allNextRevisions,
    )
  ) {
    detectCycles(
      revisions,
      [...realHeads],
      realBases,
      (r) => r.allDownRevisions,
      (r) => r.allNextRevisions,
      true,
    );
    throw new CycleError(all.map((r) => r.revision).sort(), true);
  }
  normalizeDependencies(revisions, order);
  for (const rev of labelled) propagateLabels(revisions, rev);

  const ids = (revs: Iterable<Revision>) => [...revs].map((r) => r.revision);
  return {
    revisions,
    keys,
    heads: ids(heads),
    realHeads: ids(realHeads),
    bases: ids(bases),
    realBases: ids(realBases),
  };
}

/** `usage`: the id came from the command line (`--rev-id`), not from a script's header. */
export function verifyRevisionId(id: string, options: { usage?: boolean } = {}): void {
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

/** Revisions ordered parents first along `parents`, or undefined when there is a cycle. */
function parentsFirst(
  revisions: Map<string, Revision>,
  all: readonly Revision[],
  parents: (r: Revision) => readonly string[],
  children: (r: Revision) => readonly string[],
): Revision[] | undefined {
  // Indexed by load order; a typed array keeps this allocation-light on large graphs.
  const waiting = new Int32Array(all.length);
  const order: Revision[] = [];
  for (const rev of all) {
    const n = parents(rev).length;
    if (n === 0) order.push(rev);
    else waiting[rev.order] = n;
  }
  // `order` doubles as the queue: everything before `i` has been released.
  for (let i = 0; i < order.length; i++) {
    for (const id of children(order[i]!)) {
      const child = revisions.get(id)!;
      waiting[child.order]! -= 1;
      if (waiting[child.order] === 0) order.push(child);
    }
  }
  return order.length === all.length ? order : undefined;
}

const NO_DEPENDENCIES: ReadonlySet<string> = new Set();

/**
 * Drops dependencies already declared by an ancestor (through down revisions). Walks the
 * graph once, parents first, carrying the dependencies declared along each line; a line
 * without merges or new dependencies shares its parent's set instead of copying it.
 */
function normalizeDependencies(revisions: Map<string, Revision>, order: readonly Revision[]): void {
  const declared = new Map<Revision, ReadonlySet<string>>();
  for (const rev of order) {
    let above: ReadonlySet<string> = NO_DEPENDENCIES;
    for (const id of rev.downRevisions) {
      const parentSet = declared.get(revisions.get(id)!)!;
      if (parentSet.size === 0 || parentSet === above) continue;
      if (above.size === 0) above = parentSet;
      else above = new Set([...above, ...parentSet]);
    }
    const own = rev.resolvedDependencies;
    if (own.length > 0) {
      rev.normalizedDependencies = dedupe(own.filter((d) => !above.has(d)));
      above = new Set([...above, ...own]);
    }
    declared.set(rev, above);
  }
}

function reach(
  revisions: Map<string, Revision>,
  starts: readonly Revision[],
  next: (r: Revision) => readonly string[],
): Set<Revision> {
  const seen = new Set<Revision>();
  const todo = [...starts];
  while (todo.length > 0) {
    const rev = todo.pop()!;
    if (seen.has(rev)) continue;
    seen.add(rev);
    for (const id of next(rev)) todo.push(revisions.get(id)!);
  }
  return seen;
}

function detectCycles(
  revisions: Map<string, Revision>,
  heads: readonly Revision[],
  bases: readonly Revision[],
  down: (r: Revision) => readonly string[],
  up: (r: Revision) => readonly string[],
  viaDependencies: boolean,
): void {
  if (revisions.size === 0) return;
  if (heads.length === 0 || bases.length === 0) {
    throw new CycleError([...revisions.keys()], viaDependencies);
  }
  const fromHeads = reach(revisions, heads, down);
  const fromBases = reach(revisions, bases, up);
  const stranded = [...revisions.values()].filter((r) => !fromHeads.has(r) || !fromBases.has(r));
  if (stranded.length > 0) {
    throw new CycleError(stranded.map((r) => r.revision).sort(), viaDependencies);
  }
}

/**
 * A label reaches every descendant of the revision declaring it, and, walking down from
 * the last descendant found, every revision back to the nearest branch point or merge
 * point. When the labelled revision's descendants branch, that walk stops above it.
 */
function propagateLabels(revisions: Map<string, Revision>, labelled: Revision): void {
  // Like Alembic, carry every label the revision holds by now, inherited ones included.
  const labels = [...labelled.branchLabels];
  let last = labelled;
  const seen = new Set<Revision>();
  const todo = [labelled];
  while (todo.length > 0) {
    const rev = todo.pop()!;
    if (seen.has(rev)) continue;
    seen.add(rev);
    for (const id of rev.nextRevisions) todo.push(revisions.get(id)!);
    for (const label of labels) rev.branchLabels.add(label);
    last = rev;
  }
  let parent: Revision | undefined = last;
  while (parent && !parent.isRealBranchPoint && !parent.isMergePoint) {
    for (const label of labels) parent.branchLabels.add(label);
    parent = parent.downRevisions.length > 0 ? revisions.get(parent.downRevisions[0]!) : undefined;
  }
}
