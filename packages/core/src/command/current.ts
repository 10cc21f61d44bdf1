import { planUpgrade } from "../revision/plan.js";
import { OnlineExecutor } from "../runtime/executor.js";
import { VersionTable } from "../runtime/version-table.js";
import { openProject, type Project, type ProjectOptions } from "./project.js";
import { withSession } from "./session.js";

export interface CurrentResult {
  /** The version table's rows: one per applied head. */
  readonly rows: readonly string[];
  readonly project: Project;
}

async function readRows(project: Project): Promise<string[]> {
  return withSession(project, {}, async (session) => {
    const exec = new OnlineExecutor(session.dialect, session.connection);
    return new VersionTable(exec, project.versionTable).read();
  });
}

/** The revisions the database is at, as `mig current` shows. */
export async function current(options: ProjectOptions = {}): Promise<CurrentResult> {
  const project = await openProject(options);
  return { rows: await readRows(project), project };
}

/** One revision as `status()` reports it. */
export interface RevisionSummary {
  readonly revision: string;
  /** The script's message; empty when it has none. */
  readonly message: string;
  /** The script file; absent for a revision the database holds but no script defines. */
  readonly path?: string;
}

/** Where the database is and what `mig up heads` would still run: plain data, safe to serialise. */
export interface StatusResult {
  /** The version table's rows, in graph order; empty at base. */
  readonly rows: readonly string[];
  /** The same revisions with their messages. */
  readonly current: readonly RevisionSummary[];
  /** The graph's heads. */
  readonly heads: readonly string[];
  /** What `mig up heads` would apply, in order. */
  readonly pending: readonly RevisionSummary[];
  readonly upToDate: boolean;
}

/** Current rows and the migrations still to apply, as `mig status` shows. */
export async function status(options: ProjectOptions = {}): Promise<StatusResult> {
  const project = await openProject(options);
  const order = (id: string) => project.map.revisions.get(id)?.order ?? Number.MAX_SAFE_INTEGER;
  const rows = (await readRows(project)).sort((a, b) => order(a) - order(b));
  const summary = (id: string): RevisionSummary => {
    const path = project.scriptsById.get(id)?.path;
    return {
      revision: id,
      message: project.map.revisions.get(id)?.message ?? "",
      ...(path === undefined ? {} : { path }),
    };
  };
  const pending = planUpgrade(project.map, rows, "heads").map((step) => summary(step.revision));
  return {
    rows,
    current: rows.map(summary),
    heads: [...project.map.heads],
    pending,
    upToDate: pending.length === 0,
  };
}
