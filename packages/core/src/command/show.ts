import { openProject, type ProjectOptions } from "../config/project.js";
import { BASE, getRevisions } from "../revision/resolve.js";
import type { Revision } from "../revision/revision.js";
import { type RevisionInfo, revisionInfo } from "./revision-info.js";

export interface ShowOptions extends ProjectOptions {
  /** Ids, prefixes, labels, `head`, `heads` ...; none means `head`. */
  readonly revisions?: readonly string[];
}

export interface ShowResult {
  /** What the identifiers name, `base` left out. */
  readonly revisions: readonly RevisionInfo[];
}

/** The revisions `options.revisions` name, as `mig show` prints them in full. */
export async function show(options: ShowOptions = {}): Promise<ShowResult> {
  const { revisions = [], ...projectOptions } = options;
  const project = await openProject(projectOptions);
  const found = getRevisions(project.map, revisions.length ? [...revisions] : ["head"]).filter(
    (r): r is Revision => r !== null && r !== BASE,
  );
  return { revisions: found.map((rev) => revisionInfo(project, rev)) };
}
