import type { Project } from "../config/project.js";
import { BRANCH_POINT, flagsOf, HEAD, MERGE_POINT, REAL_HEAD } from "../revision/graph-summary.js";
import type { Revision } from "../revision/revision.js";
import type { Script } from "../script/script-info.js";

/** One revision as the graph commands return it: plain data, safe to serialise. */
export interface RevisionInfo {
  readonly revision: string;
  readonly downRevisions: readonly string[];
  readonly dependsOn: readonly string[];
  /** Declared and inherited branch labels. */
  readonly branchLabels: readonly string[];
  readonly message: string;
  /** Nothing names it as downRevision (`mig heads` lists it). */
  readonly isHead: boolean;
  /** Nothing names it as downRevision or dependsOn (what the `heads` target resolves to). */
  readonly isRealHead: boolean;
  /** A head only because its children merely `dependsOn` it. */
  readonly isEffectiveHead: boolean;
  readonly isBranchPoint: boolean;
  readonly isMergePoint: boolean;
  /** Revisions naming this one as downRevision. */
  readonly children: readonly string[];
  /** The script file. */
  readonly path?: string;
  /** The ids `mig squash` folded into this revision; absent when none. */
  readonly replaces?: readonly string[];
}

/** What a revision declares, from its `Revision` or (down revisions deduplicated) its header. */
export type Declared = Pick<Revision, "revision" | "downRevisions" | "dependsOn" | "message">;

const NONE: readonly string[] = Object.freeze([]);

/**
 * `rev` of `project` as plain data. The lists are the graph's own read-only arrays, not
 * copies: `history` returns 10,000 of these.
 */
export function revisionInfo(project: Project, rev: Revision): RevisionInfo {
  const labels = rev.branchLabels.size === 0 ? NONE : [...rev.branchLabels];
  return infoOf(
    project.scriptsById.get(rev.revision),
    rev,
    labels,
    flagsOf(rev),
    rev.nextRevisions,
  );
}

/**
 * A revision as plain data from its parts: `flags` as `GraphSummary.flags`, `children` the
 * ids naming it as down revision.
 */
export function infoOf(
  script: Script | undefined,
  rev: Declared,
  branchLabels: readonly string[],
  flags: number,
  children: readonly string[],
): RevisionInfo {
  const isHead = (flags & HEAD) !== 0;
  const isRealHead = (flags & REAL_HEAD) !== 0;
  // One literal per shape: adding keys afterwards makes 10,000 objects walk shape changes.
  if (script === undefined) {
    return {
      revision: rev.revision,
      downRevisions: rev.downRevisions,
      dependsOn: rev.dependsOn,
      branchLabels,
      message: rev.message,
      isHead,
      isRealHead,
      isEffectiveHead: isHead && !isRealHead,
      isBranchPoint: (flags & BRANCH_POINT) !== 0,
      isMergePoint: (flags & MERGE_POINT) !== 0,
      children,
    };
  }
  const info = {
    revision: rev.revision,
    downRevisions: rev.downRevisions,
    dependsOn: rev.dependsOn,
    branchLabels,
    message: rev.message,
    isHead,
    isRealHead,
    isEffectiveHead: isHead && !isRealHead,
    isBranchPoint: (flags & BRANCH_POINT) !== 0,
    isMergePoint: (flags & MERGE_POINT) !== 0,
    children,
    path: script.path,
  };
  const replaces = script.header.replaces;
  return replaces === undefined ? info : { ...info, replaces };
}
