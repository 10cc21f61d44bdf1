/** What a migration script declares about itself, read statically from its file. */
export interface RevisionHeader {
  readonly revision: string;
  /** Empty for a base; several entries for a merge point. */
  readonly downRevisions: readonly string[];
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
  /** The script's message (the doc comment of a TS script, `-- message:` of a SQL one). */
  readonly message: string;
  /** Ids of the revisions `mig squash` folded into this one (`export const replaces`); absent when none. */
  readonly replaces?: readonly string[];
}
