import type { Project } from "../config/project.js";
import { GRAPH_BUILT } from "../script/graph-memo.js";
import { type RevisionInfo, revisionInfo } from "./revision-info.js";

/** The version table's rows in graph order, each with its revision (undefined: no script defines it). */
export interface DescribedRows {
  readonly rows: readonly string[];
  readonly revisions: ReadonlyArray<RevisionInfo | undefined>;
}

/**
 * What `mig current` shows of `rows`. Working it out builds the graph (~100 ms at 10,000
 * revisions); the answer is kept in the project's graph memo, so a later run with the same
 * rows and scripts reads it instead. Any edited, added or removed script changes the memo's
 * key, and then the graph is built again.
 */
export function describeRows(project: Project, rows: readonly string[]): DescribedRows {
  const name = `current ${[...rows].sort().join(",")}`;
  const known = project.memo?.value(name);
  if (known !== undefined) {
    const parsed = JSON.parse(known) as { rows: string[]; revisions: (RevisionInfo | null)[] };
    return { rows: parsed.rows, revisions: parsed.revisions.map((r) => r ?? undefined) };
  }
  const revisions = project.map.revisions;
  const order = (id: string) => revisions.get(id)?.order ?? Number.MAX_SAFE_INTEGER;
  const sorted = [...rows].sort((a, b) => order(a) - order(b));
  const described: DescribedRows = {
    rows: sorted,
    revisions: sorted.map((id) => {
      const rev = revisions.get(id);
      return rev && revisionInfo(project, rev);
    }),
  };
  project.memo?.setValue(name, JSON.stringify(described));
  // The next run then trusts the memo instead of building the graph as it opens the project.
  project.memo?.add(GRAPH_BUILT);
  return described;
}
