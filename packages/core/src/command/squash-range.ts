import { dirname } from "node:path";
import type { Project } from "../config/project.js";
import { MigError } from "../errors/mig-error.js";
import { getRevision } from "../revision/resolve.js";
import type { Revision } from "../revision/revision.js";
import type { Script } from "../script/script-info.js";

/** A run `mig squash` may replace: oldest first, with the scripts that follow its last one. */
export interface SquashRun {
  readonly revisions: readonly Revision[];
  readonly scripts: readonly Script[];
  /** Scripts whose `downRevision` names the run's last revision. */
  readonly children: readonly Script[];
}

/** A squash refused because of the graph or a script: exit 1, nothing written. */
export function refuse(message: string, hint: string, usage = false): MigError {
  return new MigError("squash_refused", message, { hint, usage });
}

/** Resolves `from:to` and checks it is a linear run with nothing pointing into its middle. */
export function squashRun(project: Project, range: string): SquashRun {
  const at = range.indexOf(":");
  if (at <= 0 || at === range.length - 1 || range.indexOf(":", at + 1) >= 0) {
    throw new MigError("usage", `mig squash needs a range <from>:<to>, not '${range}'.`, {
      usage: true,
      hint: "For example: mig squash ae1027a6acf0:head -m 'initial schema'",
    });
  }
  const from = one(project, range.slice(0, at));
  const to = one(project, range.slice(at + 1));
  // One revision replaced by one revision changes nothing but its id: surely a mistyped range.
  if (from === to) {
    throw new MigError(
      "usage",
      `${range} is one revision (${to.revision}); a squash replaces two or more.`,
      {
        usage: true,
        hint: "Name the run's oldest and newest revisions: mig squash <from>:<to> -m 'message'.",
      },
    );
  }
  const revisions: Revision[] = [];
  for (let rev: Revision | undefined = to; ; ) {
    if (rev === undefined) {
      throw refuse(
        `${from.revision} is not an ancestor of ${to.revision} along single down revisions, so ${range} is not a linear run.`,
        "Name the oldest revision of the run first: mig squash <from>:<to>.",
        true,
      );
    }
    revisions.unshift(rev);
    if (rev.isMergePoint)
      throw refuse(
        `${rev.revision} is a merge point (down revisions ${rev.downRevisions.join(", ")}); squash replaces only a linear run.`,
        "Squash the runs before or after the merge separately.",
      );
    if (rev === from) break;
    rev =
      rev.downRevisions[0] === undefined
        ? undefined
        : project.map.revisions.get(rev.downRevisions[0]);
  }
  const ids = new Set(revisions.map((r) => r.revision));
  for (const rev of revisions) checkRevision(project, rev, rev === to, ids);
  const scripts = revisions.map((r) => project.scriptsById.get(r.revision)!);
  const dir = dirname(scripts[0]!.path);
  const elsewhere = scripts.find((s) => dirname(s.path) !== dir);
  if (elsewhere)
    throw refuse(
      `The run spans two version locations (${dir} and ${dirname(elsewhere.path)}).`,
      "Squash a run whose scripts sit in one directory.",
    );
  const children = to.nextRevisions.map((id) => project.scriptsById.get(id)!);
  return { revisions, scripts, children };
}

function one(project: Project, identifier: string): Revision {
  const rev = getRevision(project.map, identifier);
  if (rev === null) {
    throw new MigError("usage", `'${identifier}' does not name a revision to squash.`, {
      usage: true,
      hint: "Name a revision id (or a unique prefix), head, or <label>@head.",
    });
  }
  return rev;
}

function checkRevision(
  project: Project,
  rev: Revision,
  last: boolean,
  ids: ReadonlySet<string>,
): void {
  const id = rev.revision;
  if (!last && rev.isBranchPoint)
    throw refuse(
      `${id} is a branch point (children ${rev.nextRevisions.join(", ")}); squash replaces only a linear run.`,
      "End the run at the branch point, or merge the branches first.",
    );
  if (rev.declaredBranchLabels.length > 0)
    throw refuse(
      `${id} declares the branch label ${rev.declaredBranchLabels.join(", ")}; squash would lose it.`,
      "Squash a run that starts after the labelled revision.",
    );
  if (rev.dependsOn.length > 0)
    throw refuse(
      `${id} depends on ${rev.dependsOn.join(", ")}; squash replaces only runs without dependsOn.`,
      "Squash a run that does not include it.",
    );
  const script = project.scriptsById.get(id)!;
  if (script.header.replaces !== undefined)
    throw refuse(
      `${id} is itself a squash (it replaces ${script.header.replaces.join(", ")}).`,
      "Squash a run that does not include a squashed revision.",
    );
  for (const other of project.map.revisions.values()) {
    if (!ids.has(other.revision) && other.resolvedDependencies.includes(id))
      throw refuse(
        `${other.revision} depends on ${id} (dependsOn), which the squash would remove.`,
        "Squash a run that no dependsOn points into.",
      );
  }
}
