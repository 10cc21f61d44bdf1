import type { OptionKeys } from "../config/option-keys.js";
import { openProject, PROJECT_KEYS, type Project, type ProjectOptions } from "../config/project.js";
import { assertNamedTarget } from "../revision/named-target.js";
import { BASE, getRevisions } from "../revision/resolve.js";
import type { Revision } from "../revision/revision.js";
import { assertKnownOptions, assertStringsOption } from "./call-arguments.js";
import { GraphView } from "./graph-view.js";
import { type RevisionInfo, revisionInfo } from "./revision-info.js";

export interface ShowOptions extends ProjectOptions {
  /** Ids, prefixes, labels, `head`, `heads` ...; none means `head`. */
  readonly revisions?: readonly string[];
}

const SHOW_KEYS: OptionKeys<ShowOptions> = { ...PROJECT_KEYS, revisions: true };

export interface ShowResult {
  /** What the identifiers name, `base` left out. */
  readonly revisions: readonly RevisionInfo[];
}

/** The revisions `options.revisions` name, as `mig show` prints them in full. */
export async function show(options: ShowOptions = {}): Promise<ShowResult> {
  assertKnownOptions("show", options, SHOW_KEYS, SHOW_EXAMPLE);
  assertStringsOption("show", options, "revisions", SHOW_EXAMPLE, true);
  const { revisions = [], ...projectOptions } = options;
  for (const id of revisions) assertNamedTarget("show", id);
  const project = await openProject(projectOptions);
  // Full revision ids name their own scripts: no graph needed to find them.
  const indices = revisions.length ? revisions.map((id) => exactIndex(project, id)) : [];
  if (indices.length > 0 && indices.every((i) => i >= 0)) {
    const graph = GraphView.of(project);
    return { revisions: indices.map((i) => graph.info(i)) };
  }
  const found = getRevisions(project.map, revisions.length ? [...revisions] : ["head"]).filter(
    (r): r is Revision => r !== null && r !== BASE,
  );
  return { revisions: found.map((rev) => revisionInfo(project, rev)) };
}

/**
 * The load order of the script whose revision id is `id`, or -1. An id is never a branch
 * label (the graph rejects that), so it names that revision, unless it is one of the
 * words resolved before ids are looked up.
 */
function exactIndex(project: Project, id: string): number {
  if (id === "head" || id === "heads" || id === "base") return -1;
  return project.catalog.indexOf(id);
}

const SHOW_EXAMPLE = 'show({ revisions: ["head"] })';
