/** What `mig revision` takes, with or without `--autogenerate`. */
export interface RevisionFlags {
  readonly message: string;
  readonly head?: string;
  readonly splice?: boolean;
  readonly branchLabel?: string;
  readonly dependsOn?: string[];
  readonly revId?: string;
  readonly versionPath?: string;
  readonly sql?: boolean;
  readonly autogenerate?: boolean;
}

/** The flags as core's revision options: the ones given, no `undefined` keys. */
export function revisionOptions(flags: RevisionFlags) {
  return {
    message: flags.message,
    ...(flags.head !== undefined ? { head: flags.head } : {}),
    splice: flags.splice === true,
    ...(flags.branchLabel !== undefined ? { branchLabel: flags.branchLabel } : {}),
    ...(flags.dependsOn ? { dependsOn: flags.dependsOn } : {}),
    ...(flags.revId !== undefined ? { revId: flags.revId } : {}),
    ...(flags.versionPath ? { versionPath: flags.versionPath } : {}),
  };
}
