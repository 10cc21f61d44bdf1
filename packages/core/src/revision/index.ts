export {
  type MigrationStep,
  planDowngrade,
  planStamp,
  planUpgrade,
  type RevisionStep,
  type StampStep,
  walkRevisions,
} from "./plan.js";
export { BASE, currentHead, filterForLineage, getRevision, getRevisions } from "./resolve.js";
export { Revision } from "./revision.js";
export * from "./revision-errors.js";
export type { RevisionHeader } from "./revision-header.js";
export { RevisionMap } from "./revision-map.js";
export type { MarkedRevision, MarkOptions, RevisionMark } from "./revision-marks.js";
export { revisionMarks } from "./revision-marks.js";
export { topologicalSort } from "./topological-sort.js";
export { ancestors, descendants } from "./traversal.js";
export { type VersionChange, VersionRows } from "./version-rows.js";
