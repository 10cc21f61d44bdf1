import { type RevisionInfo, revisionMarks } from "@mig/core/internal/cli";

const list = (items: readonly string[]) => (items.length === 1 ? items[0]! : items.join(", "));

function downText(rev: RevisionInfo): string {
  return rev.downRevisions.length === 0 ? "<base>" : list(rev.downRevisions);
}

function indicators(
  rev: RevisionInfo,
  current: ReadonlySet<string>,
  tree: boolean,
  verbose = false,
): string {
  // Most revisions of a long history carry no mark: skip making an empty list for each.
  const plain = !rev.isHead && !rev.isRealHead && !rev.isBranchPoint && !rev.isMergePoint;
  if (plain && (current.size === 0 || !current.has(rev.revision))) return "";
  let text = "";
  for (const mark of revisionMarks(rev, { current, tree, verbose })) text += ` (${mark})`;
  return text;
}

export interface FormatOptions {
  readonly verbose?: boolean;
  readonly parents?: boolean;
  readonly doc?: boolean;
  readonly tree?: boolean;
  readonly current?: ReadonlySet<string>;
  readonly path?: string | undefined;
}

/** One revision the way Alembic's commands print it. */
const NO_ROWS: ReadonlySet<string> = new Set();

export function formatRevision(rev: RevisionInfo, options: FormatOptions = {}): string {
  const current = options.current ?? NO_ROWS;
  if (options.verbose) return logEntry(rev, current, options.path);
  let text = rev.revision;
  if (options.parents) {
    text = rev.dependsOn.length
      ? `${downText(rev)} (${list(rev.dependsOn)}) -> ${text}`
      : `${downText(rev)} -> ${text}`;
  }
  if (rev.branchLabels.length > 0) text += ` (${list(rev.branchLabels)})`;
  text += indicators(rev, current, options.tree ?? true);
  if (options.doc) text += `, ${rev.message}`;
  return text;
}

function logEntry(
  rev: RevisionInfo,
  current: ReadonlySet<string>,
  path: string | undefined,
): string {
  let entry = `Rev: ${rev.revision}${indicators(rev, current, true, true)}\n`;
  entry += rev.isMergePoint ? `Merges: ${downText(rev)}\n` : `Parent: ${downText(rev)}\n`;
  if (rev.dependsOn.length) entry += `Also depends on: ${list(rev.dependsOn)}\n`;
  if (rev.isBranchPoint) entry += `Branches into: ${list(rev.children)}\n`;
  if (rev.branchLabels.length) entry += `Branch names: ${list(rev.branchLabels)}\n`;
  if (rev.replaces?.length) entry += `Replaces: ${list(rev.replaces)}\n`;
  if (path) entry += `Path: ${path}\n`;
  entry += `\n${rev.message
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n")}\n`;
  return entry;
}

/** A revision as JSON for `--json`. */
export function revisionJson(rev: RevisionInfo, extra: Record<string, unknown> = {}) {
  return {
    revision: rev.revision,
    downRevisions: rev.downRevisions,
    dependsOn: rev.dependsOn,
    branchLabels: rev.branchLabels,
    message: rev.message,
    isHead: rev.isHead,
    // A head only because its children merely dependsOn it; `heads` as a target skips it.
    isEffectiveHead: rev.isEffectiveHead,
    isBranchPoint: rev.isBranchPoint,
    isMergePoint: rev.isMergePoint,
    children: rev.children,
    ...(rev.replaces ? { replaces: rev.replaces } : {}),
    ...extra,
  };
}
