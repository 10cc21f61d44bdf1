import { openProject, type ProjectOptions } from "../config/project.js";
import { walkRevisions } from "../revision/plan.js";
import { type RevisionInfo, revisionInfo } from "./revision-info.js";

/** A branch point and the revisions it branches into. */
export interface BranchPoint extends RevisionInfo {
  /** Its children, in the order of `children`. */
  readonly branches: readonly RevisionInfo[];
}

export interface BranchesResult {
  /** Newest first, as `history` walks. */
  readonly branchPoints: readonly BranchPoint[];
}

/** The revisions with more than one child, as `mig branches` shows them. */
export async function branches(options: ProjectOptions = {}): Promise<BranchesResult> {
  const project = await openProject(options);
  const points = walkRevisions(project.map).filter((r) => r.isBranchPoint);
  return {
    branchPoints: points.map((rev) => ({
      ...revisionInfo(project, rev),
      branches: rev.nextRevisions.map((id) => revisionInfo(project, project.map.rev(id))),
    })),
  };
}
