export type { RevisionHeader } from "./revision-header.js";
export { Revision } from "./revision.js";
export { RevisionMap } from "./revision-map.js";
export * from "./revision-errors.js";
export { BASE, getRevision, getRevisions, currentHead, filterForLineage } from "./resolve.js";
export {
  planUpgrade,
  planDowngrade,
  planStamp,
  walkRevisions,
  type MigrationStep,
  type RevisionStep,
  type StampStep,
} from "./plan.js";
export { VersionRows, type VersionChange } from "./version-rows.js";
export { topologicalSort } from "./topological-sort.js";
export { ancestors, descendants } from "./traversal.js";
