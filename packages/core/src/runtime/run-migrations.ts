import {
  assertRowsKnown,
  openProject,
  type Project,
  type ProjectOptions,
} from "../config/project.js";
import { MigError } from "../errors/mig-error.js";
import type { MigrationStep } from "../revision/plan.js";
import { BASE, getRevisions } from "../revision/resolve.js";
import type { Revision } from "../revision/revision.js";
import { OfflineExecutor, OnlineExecutor, type RunExecutor } from "./executor.js";
import { hookContext, runHook } from "./hook-context.js";
import { preSquashProject } from "./pre-squash-project.js";
import type { RunEvents, StepResult } from "./run-events.js";
import { runSteps } from "./run-steps.js";
import { projectDialect, sessionSqlLog, withSession } from "./session.js";
import { TextCollector } from "./text-collector.js";
import { VersionTable } from "./version-table.js";

export interface RunOptions extends ProjectOptions {
  /** Write the run as SQL instead of running it (`--sql`); no connection is made. */
  readonly sql?: boolean | undefined;
  /** Where offline SQL goes; by default it is collected into the result's `sql`. */
  readonly output?: ((text: string) => void) | undefined;
  readonly events?: RunEvents | undefined;
  /** An arbitrary tag for the hooks (`--tag`). */
  readonly tag?: string | undefined;
  /**
   * Aborting it stops the run between statements: the running migration is rolled back
   * and the run rejects with a MigrationInterruptedError (code `interrupted`).
   */
  readonly signal?: AbortSignal | undefined;
}

export interface RunResult {
  readonly steps: readonly StepResult[];
  /** The version table's rows at the end. */
  readonly rows: readonly string[];
  /** The SQL written, for `sql: true` runs without an `output`. */
  readonly sql?: string;
}

type Planner = (project: Project, rows: readonly string[]) => readonly MigrationStep[];

/** Runs a plan online under the lock, or writes it out with `sql: true`. */
export async function runPlanned(
  command: string,
  options: RunOptions,
  plan: Planner,
  offlineStart: (project: Project) => readonly string[],
  prepare?: (table: VersionTable) => Promise<void>,
): Promise<RunResult> {
  const project = await openProject(options);
  if (options.sql) {
    const { dialect } = await projectDialect(project);
    const collected = new TextCollector();
    const write = options.output ?? collected.write;
    // As Alembic's env.py runs offline: a hook's statements go into the script.
    const exec = new OfflineExecutor(dialect, write);
    const result = await runWith(project, exec, command, options, plan, async () =>
      offlineStart(project),
    );
    return { ...result, ...(options.output ? {} : { sql: collected.text() }) };
  }
  const locked = {
    lock: true,
    lockTimeout: options.lockTimeout,
    events: options.events,
    onLockWait: options.events?.onLockWait?.bind(options.events),
  };
  return withSession(project, locked, async (session) => {
    const exec = new OnlineExecutor(
      session.dialect,
      session.connection,
      sessionSqlLog(project, session),
    );
    return runWith(project, exec, command, options, plan, async (table) => {
      if (!(await table.exists())) await table.create();
      if (prepare) await prepare(table);
      const rows = await table.read({ known: true });
      assertRowsKnown(project, rows);
      return rows;
    });
  });
}

/**
 * One run on one executor, online or offline: the hooks around it, and the one version
 * table the start rows are read from and the steps move.
 */
async function runWith(
  project: Project,
  executor: RunExecutor,
  command: string,
  options: RunOptions,
  plan: Planner,
  start: (table: VersionTable) => Promise<readonly string[]>,
): Promise<RunResult> {
  const hook = hookContext(project, executor, command, options.tag);
  // Before the version table is touched, so a hook can create its schema or set search_path.
  await runHook(project, "beforeMigrate", hook);
  const versionTable = new VersionTable(executor, project.versionTable);
  const rows = await start(versionTable);
  // A database still at an id a squash replaced runs on the graph from before the squash.
  const graph = preSquashProject(project, rows) ?? project;
  const steps = await runSteps(
    {
      executor,
      map: graph.map,
      scripts: graph.scriptsById,
      versionTable,
      transactionPerMigration: project.config.transactionPerMigration ?? true,
      events: options.events,
      signal: options.signal,
    },
    plan(graph, rows),
    rows,
  );
  await runHook(project, "afterMigrate", hook);
  return { steps, rows: steps.at(-1)?.rows ?? rows };
}

/** `start:end` as Alembic's offline ranges take it. */
export function splitRange(target: string): { start: string | undefined; end: string } {
  const at = target.indexOf(":");
  if (at < 0) return { start: undefined, end: target };
  return { start: target.slice(0, at) || undefined, end: target.slice(at + 1) };
}

/** Revision ids an identifier names, for the rows an offline run starts from. */
export function rowsFor(project: Project, identifier: string | undefined): string[] {
  if (identifier === undefined) return [];
  return getRevisions(project.map, identifier)
    .filter((r): r is Revision => r !== null && r !== BASE)
    .map((r) => r.revision);
}

export function requireOfflineRange(command: string, target: string): void {
  if (!target.includes(":")) {
    throw new MigError(
      "sql_needs_range",
      `${command} --sql needs a range <from>:<to>, since no database is read.`,
      {
        usage: true,
        hint: `For example: mig ${command} --sql head:base`,
      },
    );
  }
}
