import type { Revision } from "./revision.js";

/** What the markers are computed from: a `Revision`, or the plain `RevisionInfo` commands return. */
export type MarkedRevision = Pick<
  Revision,
  "revision" | "isHead" | "isRealHead" | "isEffectiveHead" | "isBranchPoint" | "isMergePoint"
>;

/** A marker `heads` and `history` print after a revision, e.g. `abc123 (head) (mergepoint)`. */
export type RevisionMark = "head" | "effective head" | "current" | "branchpoint" | "mergepoint";

export interface MarkOptions {
  /** Rows of the version table, for `(current)`. */
  readonly current?: ReadonlySet<string>;
  /** Branch and merge points too (`heads` leaves them out). */
  readonly tree?: boolean;
  /** The `Rev:` line of a verbose entry, which Alembic marks differently. */
  readonly verbose?: boolean;
}

/**
 * The markers in Alembic's order. A head that something only `dependsOn` is an
 * "effective head": `heads` lists it, but the `heads` target resolves past it. Alembic's
 * verbose entries call it `(head)`, and put `(current)` last; mig prints the same.
 */
export function revisionMarks(rev: MarkedRevision, options: MarkOptions = {}): RevisionMark[] {
  const marks: RevisionMark[] = [];
  const current = options.current?.has(rev.revision) === true;
  const tree = options.tree ?? true;
  if (options.verbose) {
    if (rev.isHead) marks.push("head");
  } else {
    if (rev.isRealHead) marks.push("head");
    if (rev.isEffectiveHead) marks.push("effective head");
    if (current) marks.push("current");
  }
  if (tree && rev.isBranchPoint) marks.push("branchpoint");
  if (tree && rev.isMergePoint) marks.push("mergepoint");
  if (options.verbose && current) marks.push("current");
  return marks;
}
