import { openProject, type ProjectOptions } from "../config/project.js";
import { type RevisionInfo, revisionInfo } from "./revision-info.js";

export interface HeadsOptions extends ProjectOptions {
  /** As `alembic heads --resolve-dependencies`: only heads nothing depends on. */
  readonly resolveDependencies?: boolean;
}

export interface HeadsResult {
  /** In load order. */
  readonly heads: readonly RevisionInfo[];
}

/** The graph's heads, as `mig heads` shows them. */
export async function heads(options: HeadsOptions = {}): Promise<HeadsResult> {
  const { resolveDependencies, ...projectOptions } = options;
  const project = await openProject(projectOptions);
  const ids = resolveDependencies ? project.map.realHeads : project.map.heads;
  return { heads: ids.map((id) => revisionInfo(project, project.map.rev(id))) };
}
