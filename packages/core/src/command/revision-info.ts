import type { Project } from "../config/project.js";
import type { Revision } from "../revision/revision.js";

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

const NONE: readonly string[] = Object.freeze([]);

/**
 * `rev` of `project` as plain data. The lists are the graph's own read-only arrays, not
 * copies: `history` returns 10,000 of these.
 */
export function revisionInfo(project: Project, rev: Revision): RevisionInfo {
  const script = project.scriptsById.get(rev.revision);
  const replaces = script?.header.replaces;
  // One literal per shape: adding keys afterwards makes 10,000 objects walk shape changes.
  const branchLabels = rev.branchLabels.size === 0 ? NONE : [...rev.branchLabels];
  if (script === undefined) {
    return {
      revision: rev.revision,
      downRevisions: rev.downRevisions,
      dependsOn: rev.dependsOn,
      branchLabels,
      message: rev.message,
      isHead: rev.isHead,
      isRealHead: rev.isRealHead,
      isEffectiveHead: rev.isEffectiveHead,
      isBranchPoint: rev.isBranchPoint,
      isMergePoint: rev.isMergePoint,
      children: rev.nextRevisions,
    };
  }
  const info = {
    revision: rev.revision,
    downRevisions: rev.downRevisions,
    dependsOn: rev.dependsOn,
    branchLabels,
    message: rev.message,
    isHead: rev.isHead,
    isRealHead: rev.isRealHead,
    isEffectiveHead: rev.isEffectiveHead,
    isBranchPoint: rev.isBranchPoint,
    isMergePoint: rev.isMergePoint,
    children: rev.nextRevisions,
    path: script.path,
  };
  return replaces === undefined ? info : { ...info, replaces };
}
