import type { OptionKeys } from "../config/option-keys.js";
import { PROJECT_KEYS, type Project } from "../config/project.js";
import { MigError } from "../errors/mig-error.js";
import { assertNamedTarget } from "../revision/named-target.js";
import { planDowngrade, planStamp, planUpgrade, type RevisionStep } from "../revision/plan.js";
import { UnknownRevisionError } from "../revision/revision-errors.js";
import { assertTargetResolves } from "../revision/targets.js";
import type { AppliedLog } from "../runtime/applied-log.js";
import {
  type ChecksumMismatch,
  ChecksumMismatchError,
  findMismatches,
} from "../runtime/checksum-mismatch.js";
import { CleanCheck, cleanCheckKey } from "../runtime/clean-check.js";
import { halfAppliedOf } from "../runtime/resume-step.js";
import {
  type CheckContext,
  type RunOptions,
  type RunResult,
  requireOfflineRange,
  rowsFor,
  runPlanned,
  splitRange,
} from "../runtime/run-migrations.js";
import { nothingToRun, rowsKnown } from "../script/graph-memo.js";
import { replacedIds } from "../script/replaces.js";
import { assertKnownOptions, assertStringOption, assertStringsOption } from "./call-arguments.js";
import { plannedUpgrade } from "./planned-upgrade.js";
import { refusePurgeOffline, refuseRelativePurge } from "./purge-refusals.js";

export interface UpgradeOptions extends RunOptions {
  /** Default `head`. With `sql`, `start:end` starts from `start` instead of base. */
  readonly target?: string | undefined;
  /**
   * Stop before running anything when an applied script was edited or removed since it ran
   * (`--strict`); the config's `onChecksumMismatch: "error"` does the same.
   */
  readonly strict?: boolean | undefined;
  /**
   * Run the rest of a migration a failed `up` left half applied (`--resume`, where DDL commits
   * implicitly), after checking its first statements are unchanged. Without it such a
   * migration is refused. Nothing to resume: a plain `up`.
   */
  readonly resume?: boolean | undefined;
  /**
   * Run a half-applied migration from its first statement (`--restart`): after its applied
   * statements were undone by hand, or the script made re-runnable (`IF NOT EXISTS`).
   */
  readonly restart?: boolean | undefined;
}

/** Applies migrations up to a target (default `head`), as `mig up` does. */
export function upgrade(options: UpgradeOptions = {}): Promise<RunResult> {
  const check = () => {
    assertKnownOptions("upgrade", options, UPGRADE_KEYS, UPGRADE_EXAMPLE);
    assertStringOption("upgrade", options, "target", UPGRADE_EXAMPLE, true);
    assertUpgradeOptions(options);
  };
  return refused(check) ?? upgradeProject(undefined, options);
}

/** The usage errors of `upgrade`'s options, thrown before anything opens. */
export function assertUpgradeOptions(
  options: Pick<UpgradeOptions, "resume" | "restart" | "sql">,
): void {
  if (options.resume && options.restart) {
    throw new MigError("resume_restart", "--resume and --restart exclude each other.", {
      usage: true,
      hint: "--resume runs the rest of a half-applied migration; --restart runs all of it again.",
    });
  }
  if ((options.resume || options.restart) && options.sql) {
    throw new MigError(
      "resume_offline",
      `--${options.resume ? "resume" : "restart"} reads the database's applied log; it cannot be used with --sql.`,
      { usage: true, hint: "Run `mig up --resume` against the database." },
    );
  }
}

/** `upgrade` on a project already opened (undefined: open the options' project). */
export function upgradeProject(
  project: Project | undefined,
  options: UpgradeOptions,
): Promise<RunResult> {
  const target = options.target ?? "head";
  const refusal = refused(() => assertNamedTarget("upgrade", target, options.sql === true));
  if (refusal) return refusal;
  const range = options.sql ? splitRange(target) : { start: undefined, end: target };
  return runPlanned(
    "upgrade",
    options,
    (p, rows) =>
      options.sql ? plannedUpgrade(p, range.start ?? rows, range.end) : planOnline(p, rows, target),
    (p) => rowsFor(p, range.start),
    {
      check: async (p, rows, log, run) => {
        const found = await checkChecksums(p, rows, log, run);
        if (found.length > 0 && (options.strict || p.config.onChecksumMismatch === "error")) {
          throw new ChecksumMismatchError(found);
        }
        if (found.length > 0) options.events?.onChecksumMismatch?.(found);
        if (options.restart) return undefined;
        const halfApplied = halfAppliedOf(await log.readHalfApplied());
        return { halfApplied, resume: options.resume === true };
      },
      early: (p) => targetsResolve(p, [target], "up"),
      opened: project,
    },
  );
}

/**
 * An online `up`'s plan. At head, as most runs at an app's start-up are, the memo may already
 * know there is nothing to run (the same graph, rows and target as a run that found so).
 */
function planOnline(project: Project, rows: readonly string[], target: string): RevisionStep[] {
  const fact = nothingToRun("up", target, rows);
  if (project.memo?.has(fact)) return [];
  const steps = planUpgrade(project.map, rows, target);
  if (steps.length === 0) project.memo?.add(fact, rowsKnown(rows));
  return steps;
}

/**
 * The checksum check of `up`, skipped when the last clean check had the same key
 * (clean-check.ts): same database and newest log row, version rows and scripts' stats.
 */
async function checkChecksums(
  project: Project,
  rows: readonly string[],
  log: AppliedLog,
  run: CheckContext,
): Promise<ChecksumMismatch[]> {
  const [newest] = await log.read(1);
  // An empty log has nothing to compare: nothing to read, nothing worth remembering.
  if (!newest) return [];
  const key = cleanCheckKey(project, {
    database: run.database,
    logTable: log.table,
    rows,
    newest,
  });
  const clean = new CleanCheck(project.locations, run.database);
  if (key !== undefined && clean.matches(key)) return [];
  const found = findMismatches(project, rows, await log.readApplied(), run.checksums());
  if (found.length === 0 && key !== undefined) clean.remember(key);
  return found;
}

export interface DowngradeOptions extends RunOptions {
  /** Required: a revision, `base`, or a relative form like `-1`. With `sql`, `start:end`. */
  readonly target: string;
}

/** Reverts migrations down to a target, as `mig down` does. */
export function downgrade(options: DowngradeOptions): Promise<RunResult> {
  const check = () => {
    assertKnownOptions("downgrade", options, DOWNGRADE_KEYS, DOWNGRADE_EXAMPLE);
    assertStringOption("downgrade", options, "target", DOWNGRADE_EXAMPLE, false);
    if (options.sql) requireOfflineRange("downgrade", options.target);
  };
  return refused(check) ?? downgradeProject(undefined, options);
}

/** `downgrade` on a project already opened (undefined: open the options' project). */
export function downgradeProject(
  project: Project | undefined,
  options: DowngradeOptions,
): Promise<RunResult> {
  const refusal = refused(() =>
    assertNamedTarget("downgrade", options.target, options.sql === true),
  );
  if (refusal) return refusal;
  const range = options.sql
    ? splitRange(options.target)
    : { start: undefined, end: options.target };
  return runPlanned(
    "downgrade",
    options,
    (p, rows) => planDowngrade(p.map, rows, range.end),
    (p) => rowsFor(p, range.start),
    {
      early: (p) => targetsResolve(p, [options.target], "down"),
      opened: project,
      // A downgrade has nothing to undo in a database that is not there: none is created.
      create: false,
    },
  );
}

export interface StampOptions extends RunOptions {
  /** Revisions the version table should name afterwards (at least one); `base` empties it. */
  readonly revisions: readonly string[];
  /** Empty the version table first, whatever it holds. */
  readonly purge?: boolean | undefined;
}

/** Sets the version table without running migrations, as `mig stamp` does. */
export function stamp(options: StampOptions): Promise<RunResult> {
  const refusal = refused(() => {
    assertKnownOptions("stamp", options, STAMP_KEYS, STAMP_EXAMPLE);
    assertStringsOption("stamp", options, "revisions", STAMP_EXAMPLE);
    if (options.revisions.length === 0) assertNamedTarget("stamp", "");
    for (const [i, revision] of options.revisions.entries()) {
      assertNamedTarget("stamp", revision, i === 0 && options.sql === true);
    }
    if (options.purge === true && options.sql === true) refusePurgeOffline();
    if (options.purge === true) refuseRelativePurge(options.revisions);
  });
  if (refusal) return refusal;
  const first = options.revisions[0]!;
  const range = options.sql ? splitRange(first) : { start: undefined, end: first };
  const targets = [range.end, ...options.revisions.slice(1)];
  return runPlanned(
    "stamp",
    options,
    (project, rows) => planStamp(project.map, rows, targets),
    (project) => rowsFor(project, range.start),
    {
      prepare: options.purge ? (table) => table.clear() : undefined,
      early: (project) => targetsResolve(project, targets, "stamp"),
      // Stamping only `base` empties the table: a database that is not there stays so.
      ...(targets.every((t) => t === "base") ? { create: false } : {}),
    },
  );
}

/**
 * Before connecting: the targets resolve on the project's graph. Where a squash replaced
 * revisions an unknown id may be one of them (a database at an old id runs on the graph from
 * before the squash): only that is left for the run to resolve.
 */
function targetsResolve(
  project: Project,
  targets: readonly string[],
  command: "up" | "down" | "stamp",
): void {
  // `head` and `heads` always resolve: a plain `up` must not load the graph for them.
  const named = targets.filter((t) => t !== "head" && t !== "heads");
  if (named.length === 0) return;
  const replaced = replacedIds(project.scripts);
  for (const target of named) {
    try {
      assertTargetResolves(project.map, target, command);
    } catch (error) {
      if (!(error instanceof UnknownRevisionError && isReplaced(replaced, error.identifier)))
        throw error;
    }
  }
}

/** `identifier` is (the start of) an id a squash replaced: the run's graph may know it. */
function isReplaced(replaced: ReadonlyMap<string, unknown>, identifier: string): boolean {
  for (const id of replaced.keys()) if (id.startsWith(identifier)) return true;
  return false;
}

/** What every run takes: the project's options and RunOptions' own. */
const RUN_KEYS: OptionKeys<RunOptions> = {
  ...PROJECT_KEYS,
  sql: true,
  output: true,
  events: true,
  tag: true,
  signal: true,
};
export const UPGRADE_KEYS: OptionKeys<UpgradeOptions> = {
  ...RUN_KEYS,
  target: true,
  strict: true,
  resume: true,
  restart: true,
};
export const DOWNGRADE_KEYS: OptionKeys<DowngradeOptions> = { ...RUN_KEYS, target: true };
const STAMP_KEYS: OptionKeys<StampOptions> = { ...RUN_KEYS, revisions: true, purge: true };

const UPGRADE_EXAMPLE = 'upgrade({ target: "head" })';
const DOWNGRADE_EXAMPLE = 'downgrade({ target: "-1" })';
const STAMP_EXAMPLE = 'stamp({ revisions: ["head"] })';

/** What `check` throws, as a rejected promise (an app's `.catch` sees it); else undefined. */
function refused(check: () => unknown): Promise<never> | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    return Promise.reject(error);
  }
}
