import { planUpgrade, type RevisionStep } from "../revision/plan.js";
import { OnlineExecutor } from "../runtime/executor.js";
import type { RunEvents } from "../runtime/run-events.js";
import { VersionTable } from "../runtime/version-table.js";
import { assertRowsKnown, openProject, type Project, type ProjectOptions } from "./project.js";
import { sessionSqlLog, withSession } from "./session.js";

export interface CurrentResult {
  /** The version table's rows: one per applied head. */
  readonly rows: readonly string[];
  readonly project: Project;
}

/** `current` and `status` take the config's keys and, to hear which database, `events`. */
export interface CurrentOptions extends ProjectOptions {
  readonly events?: RunEvents | undefined;
}

async function readRows(project: Project, events?: RunEvents): Promise<string[]> {
  return withSession(project, { events }, async (session) => {
    const exec = new OnlineExecutor(
      session.dialect,
      session.connection,
      sessionSqlLog(project, session),
    );
    return new VersionTable(exec, project.versionTable).read();
  });
}

/** The revisions the database is at, as `mig current` shows. */
export async function current(options: CurrentOptions = {}): Promise<CurrentResult> {
  const { events, ...projectOptions } = options;
  const project = await openProject(projectOptions);
  return { rows: await readRows(project, events), project };
}

export interface StatusResult extends CurrentResult {
  /** What `mig up heads` would run, in order. */
  readonly pending: readonly RevisionStep[];
  readonly heads: readonly string[];
}

/** Current rows and the migrations still to apply, as `mig status` shows. */
export async function status(options: CurrentOptions = {}): Promise<StatusResult> {
  const { events, ...projectOptions } = options;
  const project = await openProject(projectOptions);
  const rows = await readRows(project, events);
  assertRowsKnown(project, rows);
  return {
    rows,
    project,
    pending: planUpgrade(project.map, rows, "heads"),
    heads: project.map.heads,
  };
}
