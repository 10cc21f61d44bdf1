import type { OptionKeys } from "../config/option-keys.js";
import {
  assertRowsKnown,
  openProject,
  PROJECT_KEYS,
  type Project,
  type ProjectOptions,
} from "../config/project.js";
import { planUpgrade } from "../revision/plan.js";
import type { ChecksumMismatch } from "../runtime/checksum-mismatch.js";
import { findMismatches } from "../runtime/checksum-mismatch.js";
import { OnlineExecutor } from "../runtime/executor.js";
import { preSquashProject } from "../runtime/pre-squash-project.js";
import { readReplaced } from "../runtime/replaced-ids.js";
import type { RunEvents } from "../runtime/run-events.js";
import { sessionSqlLog, withSession } from "../runtime/session.js";
import { type StoppedStep, stoppedSteps } from "../runtime/stopped-steps.js";
import { VersionTable } from "../runtime/version-table.js";
import { replacedIds } from "../script/replaces.js";
import { readState } from "./applied-log.js";
import { assertKnownOptions } from "./call-arguments.js";

export interface CurrentResult {
  /** The version table's rows: one per applied head. */
  readonly rows: readonly string[];
  readonly project: Project;
}

/** `current` and `status` take the config's keys and, to hear which database, `events`. */
export interface CurrentOptions extends ProjectOptions {
  readonly events?: RunEvents | undefined;
}

const CURRENT_KEYS: OptionKeys<CurrentOptions> = { ...PROJECT_KEYS, events: true };

/** The version table's rows, on a session of `project` (which the caller has loaded). */
export async function readRows(
  project: Project,
  events?: RunEvents,
  { raw = false }: { raw?: boolean } = {},
): Promise<string[]> {
  return withSession(project, { events, create: false }, async (session) => {
    const exec = new OnlineExecutor(
      session.dialect,
      session.connection,
      sessionSqlLog(project, session),
    );
    // Ids a squash replaced read as the revision that replaced them, unless `raw`.
    const replaced = raw ? undefined : replacedIds(project.scripts);
    return new VersionTable(exec, project.versionTable, replaced).read();
  });
}

/** The revisions the database is at, as `mig current` shows. */
export async function current(options: CurrentOptions = {}): Promise<CurrentResult> {
  assertKnownOptions("current", options, CURRENT_KEYS, "current()");
  const { events, ...projectOptions } = options;
  const project = await openProject(projectOptions);
  const rows = await readRows(project, events);
  // The project holds the URL, password and all: reachable for callers that need the graph,
  // but not enumerable, so logging or serialising the result never prints it.
  const result: CurrentResult = { rows, project };
  return Object.defineProperty(result, "project", { enumerable: false });
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
  /** Applied revisions whose script was edited or removed since it ran (docs/applied-log.md). */
  readonly mismatches: readonly ChecksumMismatch[];
  /** Migrations that stopped part way, up or down, with statements left applied (docs/resume.md). */
  readonly stopped: readonly StoppedStep[];
}

/** Current rows and the migrations still to apply, as `mig status` shows. */
export async function status(options: CurrentOptions = {}): Promise<StatusResult> {
  assertKnownOptions("status", options, CURRENT_KEYS, "status()");
  const { events, ...projectOptions } = options;
  return statusOf(await openProject(projectOptions), events);
}

/** `status` on a project already opened (a fleet's target). */
export async function statusOf(project: Project, events?: RunEvents): Promise<StatusResult> {
  const order = (id: string) => project.map.revisions.get(id)?.order ?? Number.MAX_SAFE_INTEGER;
  const state = await readState(project, events, async (log) => ({
    applied: await log.readApplied(),
    stopped: stoppedSteps(await log.readHalfApplied()),
  }));
  const raw = state.rows;
  const rows = readReplaced(raw, replacedIds(project.scripts)).sort((a, b) => order(a) - order(b));
  assertRowsKnown(project, rows);
  // Inside a squashed run, `up` runs the rest of the old scripts: pending says so.
  const graph = preSquashProject(project, raw) ?? project;
  const summary = (id: string, from: Project = graph): RevisionSummary => {
    const path = from.scriptsById.get(id)?.path;
    return {
      revision: id,
      message: from.map.revisions.get(id)?.message ?? "",
      ...(path === undefined ? {} : { path }),
    };
  };
  const pending = planUpgrade(graph.map, graph === project ? rows : raw, "heads").map((step) =>
    summary(step.revision),
  );
  return {
    rows,
    current: rows.map((id) => summary(id, project)),
    heads: [...project.map.heads],
    pending,
    upToDate: pending.length === 0,
    mismatches: findMismatches(project, rows, state.log.applied),
    stopped: state.log.stopped,
  };
}
