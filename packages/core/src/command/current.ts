import { planUpgrade, type RevisionStep } from "../revision/plan.js";
import { OnlineExecutor } from "../runtime/executor.js";
import { VersionTable } from "../runtime/version-table.js";
import { openProject, type Project, type ProjectOptions } from "./project.js";
import { sessionSqlLog, withSession } from "./session.js";

export interface CurrentResult {
  /** The version table's rows: one per applied head. */
  readonly rows: readonly string[];
  readonly project: Project;
}

async function readRows(project: Project): Promise<string[]> {
  return withSession(project, {}, async (session) => {
    const exec = new OnlineExecutor(
      session.dialect,
      session.connection,
      sessionSqlLog(project, session),
    );
    return new VersionTable(exec, project.versionTable).read();
  });
}

/** The revisions the database is at, as `mig current` shows. */
export async function current(options: ProjectOptions = {}): Promise<CurrentResult> {
  const project = await openProject(options);
  return { rows: await readRows(project), project };
}

export interface StatusResult extends CurrentResult {
  /** What `mig up heads` would run, in order. */
  readonly pending: readonly RevisionStep[];
  readonly heads: readonly string[];
}

/** Current rows and the migrations still to apply, as `mig status` shows. */
export async function status(options: ProjectOptions = {}): Promise<StatusResult> {
  const project = await openProject(options);
  const rows = await readRows(project);
  return {
    rows,
    project,
    pending: planUpgrade(project.map, rows, "heads"),
    heads: project.map.heads,
  };
}
