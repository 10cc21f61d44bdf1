import { logTableName } from "../config/log-table-name.js";
import {
  assertRowsKnown,
  openProject,
  type Project,
  type ProjectOptions,
} from "../config/project.js";
import { maskSecrets } from "../connection/database-url.js";
import { MigError } from "../errors/mig-error.js";
import type { MigrationStep } from "../revision/plan.js";
import { BASE, getRevisions } from "../revision/resolve.js";
import type { Revision } from "../revision/revision.js";
import { ChecksumCache } from "../script/checksum-cache.js";
import { rowsKnown } from "../script/graph-memo.js";
import { AppliedLog } from "./applied-log.js";
import { OnlineExecutor, type RunExecutor } from "./executor.js";
import { hookContext, runHook } from "./hook-context.js";
import { OfflineExecutor } from "./offline-executor.js";
import { preSquashProject } from "./pre-squash-project.js";
import type { RunContext } from "./run-context.js";
import type { RunEvents, StepResult } from "./run-events.js";
import { runSteps } from "./run-steps.js";
import { assertSchemaSupport, projectDialect, sessionSqlLog, withSession } from "./session.js";
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
  /** The version table's rows before the run (before `purge` emptied it; for `sql: true`, the rows the script starts from). */
  readonly from: readonly string[];
  /** The version table's rows at the end. */
  readonly rows: readonly string[];
  /** The SQL written, for `sql: true` runs without an `output`. */
  readonly sql?: string;
}

type Planner = (project: Project, rows: readonly string[]) => readonly MigrationStep[];

/** What a check may hand the run: `upgrade`'s half-applied steps and `resume`. */
export type RunExtras = Pick<RunContext, "halfApplied" | "resume">;

/** Runs online after the rows are read, before any step: `upgrade`'s checksum check. */
export type RunCheck = (
  project: Project,
  rows: readonly string[],
  log: AppliedLog,
  run: CheckContext,
) => Promise<RunExtras | undefined>;

/** What a check gets from the run besides the rows and the log. */
export interface CheckContext {
  /** The database: its masked URL, the project's directory and a target's schema. */
  readonly database: string;
  /** The run's checksum cache (read on first use, saved at the end of the run). */
  readonly checksums: () => ChecksumCache;
}

/** What a command adds to `runPlanned` besides its plan. */
export interface RunParts {
  /** Online, on the version table before its rows are read: `stamp --purge`. */
  readonly prepare?: ((table: VersionTable) => Promise<void>) | undefined;
  readonly check?: RunCheck | undefined;
  /**
   * Online, before the database is opened: refuses what the project alone shows wrong (a
   * target no revision has), so a typo neither connects nor creates a SQLite file.
   */
  readonly early?: ((project: Project) => void) | undefined;
  /**
   * A project the caller already opened (a fleet opens one per config, not one per
   * target); without it the options' project is opened here.
   */
  readonly opened?: Project | undefined;
  /** false: a database that does not exist is not created (`down`; ConnectOptions.create). */
  readonly create?: boolean | undefined;
}

/** Runs a plan online under the lock, or writes it out with `sql: true`. */
export async function runPlanned(
  command: string,
  options: RunOptions,
  plan: Planner,
  offlineStart: (project: Project) => readonly string[],
  { prepare, check, early, opened, create }: RunParts = {},
): Promise<RunResult> {
  const signal: unknown = options.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new MigError("invalid_call", `${command}(): 'signal' must be an AbortSignal.`, {
      usage: true,
      hint: "Pass an AbortController's signal: const stop = new AbortController(); ... { signal: stop.signal }.",
    });
  }
  const project = opened ?? (await openProject(options));
  if (options.sql) {
    const { dialect } = await projectDialect(project);
    assertSchemaSupport(project, dialect);
    const collected = new TextCollector();
    const write = options.output ?? collected.write;
    // As Alembic's env.py runs offline: a hook's statements go into the script.
    const exec = new OfflineExecutor(dialect, write);
    const result = await runWith(project, exec, command, options, plan, undefined, async () => ({
      rows: offlineStart(project),
    }));
    exec.end();
    return { ...result, ...(options.output ? {} : { sql: collected.text() }) };
  }
  early?.(project);
  const locked = {
    lock: true,
    lockTimeout: options.lockTimeout,
    events: options.events,
    onLockWait: options.events?.onLockWait?.bind(options.events),
    create,
  };
  return withSession(project, locked, async (session) => {
    const exec = new OnlineExecutor(
      session.dialect,
      session.connection,
      sessionSqlLog(project, session),
    );
    const mask = (text: string) => maskSecrets(text, session.url);
    // A schema target is a database of its own: its clean check is kept apart.
    const schema = project.targetSchema === undefined ? "" : `\t${project.targetSchema}`;
    const database = `${session.url.masked}\t${project.dir}${schema}`;
    return runWith(project, exec, command, options, plan, mask, async (table, log, checksums) => {
      if (!(await table.exists())) await table.create();
      // Read first: a table of that name that is not mig's is refused before anything is
      // purged from it or created beside it.
      let rows = await table.read({ known: true });
      // The run starts from these, though `stamp --purge` empties the table next.
      const before = rows;
      if (prepare) {
        // Planned before the purge, from the empty table it leaves: a target that does not
        // resolve then fails with the rows still there (`stamp --purge +1` wiped them first).
        plan(project, []);
        await prepare(table);
        rows = await table.read({ known: true });
      }
      // Databases from before the log get it on their next run.
      await log.ensure();
      if (!project.memo?.has(rowsKnown(rows))) assertRowsKnown(project, rows);
      const extras = check ? await check(project, rows, log, { database, checksums }) : undefined;
      return { rows, extras, before };
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
  mask: ((text: string) => string) | undefined,
  start: (
    table: VersionTable,
    log: AppliedLog,
    checksums: () => ChecksumCache,
  ) => Promise<{
    rows: readonly string[];
    extras?: RunExtras | undefined;
    /** The rows before `prepare` changed the table, when it ran. */
    before?: readonly string[];
  }>,
): Promise<RunResult> {
  const hook = hookContext(project, executor, command, options.tag);
  // Before the version table is touched, so a hook can create its schema or set search_path.
  await runHook(project, "beforeMigrate", hook);
  const versionTable = new VersionTable(executor, project.versionTable);
  const log = new AppliedLog(executor, logTableName(project.config), { tag: options.tag, mask });
  // Each step's checksum from the cache the mismatch check keeps: unchanged scripts are not
  // read and hashed again on every run. One cache for the check and the steps, read only
  // when one of them needs it (a no-op run whose check was skipped reads none).
  let cache = project.checksums;
  let opened = false;
  const checksums = () => {
    if (!cache) {
      cache = new ChecksumCache(project.locations);
      opened = true;
    }
    return cache;
  };
  const { rows, extras, before = rows } = await start(versionTable, log, checksums);
  options.events?.onRunStart?.(rows);
  // A database still at an id a squash replaced runs on the graph from before the squash.
  const graph = preSquashProject(project, rows) ?? project;
  const planned = plan(graph, rows);
  const steps = await runSteps(
    {
      executor,
      // Read only when there are steps: a no-op the memo answered builds no graph.
      get map() {
        return graph.map;
      },
      scripts: graph.scriptsById,
      versionTable,
      log,
      checksums: planned.length > 0 ? checksums : undefined,
      transactionPerMigration: project.config.transactionPerMigration ?? true,
      events: options.events,
      signal: options.signal,
      ...extras,
    },
    planned,
    rows,
  ).finally(() => {
    if (opened) cache?.save();
  });
  await runHook(project, "afterMigrate", hook);
  return { steps, from: before, rows: steps.at(-1)?.rows ?? rows };
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
