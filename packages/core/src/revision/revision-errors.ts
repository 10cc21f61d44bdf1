import { MigError } from "../errors/mig-error.js";

/** Any problem with the revision graph or with an identifier resolved against it. */
export class RevisionError extends MigError {
  constructor(code: string, message: string, hint?: string, options: { usage?: boolean } = {}) {
    super(code, message, { hint, usage: options.usage });
    this.name = "RevisionError";
  }
}

export class UnknownRevisionError extends RevisionError {
  readonly identifier: string;
  constructor(identifier: string, message?: string) {
    // A prefix of any length matches (Alembic's rule), so its length is not the fault.
    super(
      "unknown_revision",
      message ?? `No such revision or branch '${identifier}'.`,
      "Run `mig history` to see the revisions.",
      { usage: true },
    );
    this.identifier = identifier;
  }
}

/** The version table names a revision that no loaded script defines. */
export class UnknownDatabaseRevisionError extends RevisionError {
  readonly revisions: readonly string[];
  constructor(revisions: readonly string[], locations: readonly string[]) {
    const which =
      revisions.length === 1
        ? `revision ${revisions[0]}`
        : `revisions ${revisions.slice(0, -1).join(", ")} and ${revisions.at(-1)}`;
    super(
      "unknown_database_revision",
      `The database is at ${which}, which no script in ${locations.join(", ")} defines.`,
      "Restore the missing script, or record a known revision with `mig stamp --purge <revision>` (it changes only the version table).",
    );
    this.revisions = revisions;
  }
}

/** Throws when a version row names no known revision, before anything is planned from it. */
export function assertKnownRows(
  map: { readonly revisions: ReadonlyMap<string, unknown> },
  rows: readonly string[],
  locations: readonly string[],
): void {
  const unknown = rows.filter((row) => !map.revisions.has(row));
  if (unknown.length > 0) throw new UnknownDatabaseRevisionError(unknown, locations);
  // Written by hand (mig keeps one row per head): a step would move one copy and keep the other.
  const twice = rows.find((row, i) => rows.indexOf(row) !== i);
  if (twice !== undefined) {
    throw new RevisionError(
      "duplicate_version_row",
      `The version table holds ${twice} more than once.`,
      `Delete the extra rows, or rewrite the table with \`mig stamp --purge ${twice}\` (it changes only the version table).`,
    );
  }
}

export class AmbiguousRevisionError extends RevisionError {
  readonly identifier: string;
  readonly candidates: readonly string[];
  constructor(identifier: string, candidates: readonly string[]) {
    const shown = candidates.slice(0, 3).map((c) => `'${c}'`);
    super(
      "ambiguous_revision",
      `Several revisions start with '${identifier}': ${shown.join(", ")}${candidates.length > 3 ? ", ..." : ""}.`,
      "Give more characters of the revision id.",
      { usage: true },
    );
    this.identifier = identifier;
    this.candidates = candidates;
  }
}

export class MultipleHeadsError extends RevisionError {
  readonly heads: readonly string[];
  readonly identifier: string;
  constructor(heads: readonly string[], identifier: string) {
    super(
      "multiple_heads",
      `'${identifier}' is ambiguous: there are several heads (${heads.join(", ")}).`,
      "Name one with <branchname>@head or a revision id, use 'heads' for all of them, or `mig merge heads`.",
      { usage: true },
    );
    this.heads = heads;
    this.identifier = identifier;
  }
}

export class CycleError extends RevisionError {
  /** Every revision on a loop, sorted. */
  readonly revisions: readonly string[];
  /**
   * `loops`: each loop as a path along downRevision (and, `viaDependencies`, dependsOn) from
   * its smallest id back to it: `[a, c, b, a]`.
   */
  constructor(loops: readonly (readonly string[])[], viaDependencies: boolean) {
    const what = viaDependencies ? "dependency cycle" : "cycle";
    const names = viaDependencies ? "downRevision or dependsOn" : "downRevision";
    const first = loops[0] ?? [];
    const more = loops.length > 1 ? ` (and ${loops.length - 1} more)` : "";
    super(
      viaDependencies ? "dependency_cycle" : "cycle",
      `The revision graph has a ${what}: ${first.length > 12 ? `${first.slice(0, 11).join(" -> ")} -> ... -> ${first.at(-1)}` : first.join(" -> ")}, each naming the next in its ${names}${more}.`,
      `Fix ${names} in those scripts so the graph has no loop.`,
    );
    this.revisions = [...new Set(loops.flat())].sort();
  }
}

export class DuplicateRevisionError extends RevisionError {
  readonly revision: string;
  /** `usage`: the id came from the command line (`--rev-id`), not from the scripts. */
  constructor(revision: string, files: readonly string[] = [], options: { usage?: boolean } = {}) {
    super(
      "duplicate_revision",
      `Revision ${revision} is declared more than once${files.length ? ` (${files.join(", ")})` : ""}.`,
      "Give each script its own revision id.",
      options,
    );
    this.revision = revision;
  }
}

export class MissingDownRevisionError extends RevisionError {
  readonly revision: string;
  readonly missing: string;
  constructor(revision: string, missing: string, via: "downRevision" | "dependsOn") {
    super(
      "missing_down_revision",
      `Revision ${missing}, named in ${via} of ${revision}, is not present.`,
      "Restore the missing script or fix the reference.",
    );
    this.revision = revision;
    this.missing = missing;
  }
}

export class DuplicateBranchLabelError extends RevisionError {
  readonly label: string;
  constructor(label: string, revision: string, other: string) {
    super(
      "duplicate_branch_label",
      `Branch label '${label}' in revision ${revision} is already used by ${other === label ? "a revision id" : `revision ${other}`}.`,
      "Choose another branch label.",
    );
    this.label = label;
  }
}

/** Where a relative step (`+1`, `-1`) had more than one way to go. */
export type WalkFork = "branchpoint" | "mergepoint" | "heads" | "bases";

export class AmbiguousWalkError extends RevisionError {
  readonly from: string;
  readonly candidates: readonly string[];
  readonly fork: WalkFork;
  /** `command`: the command the step was for, whose fix the hint names. */
  constructor(
    from: string,
    candidates: readonly string[],
    fork: WalkFork,
    command?: "up" | "down",
  ) {
    const names = candidates.join(", ");
    const first = candidates[0];
    let message: string;
    let hint: string;
    if (fork === "mergepoint") {
      message = `Cannot step down from ${from} by a relative number: it is a merge point of ${names}.`;
      hint =
        command === "down"
          ? `Downgrade to one of its parents by id instead: \`mig down ${first}\` undoes ${from} (and what is above it) and keeps ${names} applied.`
          : `Name one of its parents (${names}) by id instead.`;
    } else if (fork === "heads") {
      message = `Cannot step down from the heads by a relative number: there are several (${names}).`;
      hint = "Name the branch with <branchname>@-N, or use a revision id.";
    } else {
      message =
        fork === "bases"
          ? `Cannot step up from base by a relative number: there are several bases (${names}).`
          : `Cannot step up from ${from} by a relative number: it is a branch point (${names}).`;
      hint =
        command === "up"
          ? `Name the branch: \`mig up ${first}\`, or <branchname>@+N.`
          : `Name one of ${names} by id instead, or use <branchname>@+N.`;
    }
    super("ambiguous_walk", message, hint, { usage: true });
    this.from = from;
    this.candidates = candidates;
    this.fork = fork;
  }
}

export class RangeNotAncestorError extends RevisionError {
  constructor(lower: string, upper: string, message?: string) {
    super(
      "range_not_ancestor",
      message ?? `Revision ${lower} is not an ancestor of revision ${upper}.`,
      "Check the direction of the range, or the current revision with `mig current`.",
      { usage: true },
    );
  }
}

/** Revisions named together where one is an ancestor (or descendant) of another. */
export class OverlappingTargetsError extends RevisionError {
  readonly target: string;
  readonly others: readonly string[];
  /** `rows`: the revisions are the version table's, not ones the user named. */
  constructor(target: string, others: readonly string[], rows = false) {
    super(
      "overlapping_targets",
      rows
        ? `The current revisions ${[target, ...others].join(", ")} are on one line (one is an ancestor of another), but a database holds one row per head.`
        : `Requested revision ${target} overlaps with other requested revisions ${others.join(", ")}.`,
      rows
        ? `Rewrite the version table with \`mig stamp --purge ${target}\` (it changes only the version table), naming each head the database is really at.`
        : "Name only revisions that are not ancestors of one another.",
      { usage: true },
    );
    this.target = target;
    this.others = others;
  }
}

export class RelativeRangeError extends RevisionError {
  constructor(message: string, hint = "Use a smaller step or an absolute revision.") {
    super("relative_out_of_range", message, hint, { usage: true });
  }
}

export function abbreviate(ids: readonly string[], max = 8): string {
  return ids.length > max
    ? `${ids.slice(0, max).join(", ")}, ... (${ids.length} in all)`
    : ids.join(", ");
}
