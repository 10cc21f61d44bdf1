import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Project } from "../config/project.js";
import { MigError } from "../errors/mig-error.js";
import type { RevisionHeader } from "../revision/revision-header.js";
import { RevisionMap } from "../revision/revision-map.js";
import { loadScripts, type Script } from "../script/index.js";
import { replacedIds, SQUASHED_DIR } from "../script/replaces.js";

/**
 * The project as it was before the squashes a database is caught in: when the version
 * table holds an id a squash replaced, the squashed revision is swapped back for the old
 * scripts kept in `squashed/`, so the database moves on with the steps it was taken
 * through (see docs/squash.md). Undefined when no row is a replaced id.
 */
export function preSquashProject(project: Project, rows: readonly string[]): Project | undefined {
  const replaced = replacedIds(project.scripts);
  if (replaced.size === 0) return undefined;
  const squashes = new Set<Script>();
  for (const row of rows) {
    const script = replaced.get(row);
    if (script) squashes.add(script);
  }
  if (squashes.size === 0) return undefined;
  const unfolded = new Map<Script, Script[]>();
  const lastOf = new Map<string, string>(); // squashed revision -> the run's last old id
  for (const squash of squashes) {
    const old = keptScripts(squash, rows);
    unfolded.set(squash, old);
    lastOf.set(squash.header.revision, old.at(-1)!.header.revision);
  }
  const scripts: Script[] = [];
  for (const script of project.scripts) {
    const old = unfolded.get(script);
    if (old) scripts.push(...old);
    else scripts.push(repoint(script, lastOf));
  }
  const scriptsById = new Map<string, Script>();
  for (const script of scripts) scriptsById.set(script.header.revision, script);
  return { ...project, scripts, scriptsById, map: RevisionMap.build(scripts.map((s) => s.header)) };
}

/** The old scripts of one squash, in run order; an error when they are not all there. */
function keptScripts(squash: Script, rows: readonly string[]): Script[] {
  const ids = squash.header.replaces ?? [];
  const dir = join(dirname(squash.path), SQUASHED_DIR);
  const byId = new Map<string, Script>();
  if (existsSync(dir)) {
    for (const script of loadScripts({ locations: [dir] }))
      byId.set(script.header.revision, script);
  }
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    const at = rows.filter((r) => ids.includes(r)).join(", ");
    throw new MigError(
      "squashed_scripts_missing",
      `The database is at ${at}, which ${squash.header.revision} (${squash.fileName}) replaced, and the old script${missing.length === 1 ? "" : "s"} ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not in ${dir}.`,
      {
        hint: "Restore the squashed/ folder from version control, or run this database up to the end of the squashed run with a checkout from before the squash.",
      },
    );
  }
  return ids.map((id) => byId.get(id)!);
}

/** A script whose parents or dependencies name a squashed revision, pointed at the run's last old id. */
function repoint(script: Script, lastOf: ReadonlyMap<string, string>): Script {
  const h = script.header;
  const swap = (ids: readonly string[]) => ids.map((id) => lastOf.get(id) ?? id);
  if (!h.downRevisions.some((id) => lastOf.has(id)) && !h.dependsOn.some((id) => lastOf.has(id)))
    return script;
  const header: RevisionHeader = {
    ...h,
    downRevisions: swap(h.downRevisions),
    dependsOn: swap(h.dependsOn),
  };
  return { ...script, header };
}
