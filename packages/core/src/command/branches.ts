import { openProject, PROJECT_KEYS, type ProjectOptions } from "../config/project.js";
import { assertKnownOptions } from "./call-arguments.js";
import { GraphView } from "./graph-view.js";
import type { RevisionInfo } from "./revision-info.js";

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
  assertKnownOptions("branches", options, PROJECT_KEYS, "branches()");
  const project = await openProject(options);
  const graph = GraphView.of(project, true);
  const branchPoints: BranchPoint[] = [];
  for (const i of graph.order) {
    if (!graph.isBranchPoint(i)) continue;
    const branches = graph.children(i).map((child) => graph.info(child));
    branchPoints.push({ ...graph.info(i), branches });
  }
  return { branchPoints };
}
