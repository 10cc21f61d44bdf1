import { logTableName } from "../config/log-table-name.js";
import type { OptionKeys } from "../config/option-keys.js";
import { openProject, PROJECT_KEYS, type Project, type ProjectOptions } from "../config/project.js";
import { AppliedLog } from "../runtime/applied-log.js";
import { type ChecksumMismatch, findMismatches } from "../runtime/checksum-mismatch.js";
import { OnlineExecutor } from "../runtime/executor.js";
import type { LogEntry } from "../runtime/log-row.js";
import type { RunEvents } from "../runtime/run-events.js";
import { sessionSqlLog, withSession } from "../runtime/session.js";
import { VersionTable } from "../runtime/version-table.js";
import { assertKnownOptions, assertOptionKinds } from "./call-arguments.js";

/** As `status()`'s options: the config's keys and, to hear which database, `events`. */
export interface LogOptions extends ProjectOptions {
  readonly events?: RunEvents | undefined;
}

/** The version table's rows and what `read` took from the applied log, on one session. */
export interface DatabaseState<T> {
  readonly rows: string[];
  /** Empty when the database has no log table yet. */
  readonly log: T;
}

/** Reads the version rows and the log (`read` says what of it) without changing anything. */
export function readState<T>(
  project: Project,
  events: RunEvents | undefined,
  read: (log: AppliedLog) => Promise<T>,
): Promise<DatabaseState<T>> {
  return withSession(project, { events, create: false }, async (session) => {
    const exec = new OnlineExecutor(
      session.dialect,
      session.connection,
      sessionSqlLog(project, session),
    );
    const rows = await new VersionTable(exec, project.versionTable).read();
    const log = await read(new AppliedLog(exec, logTableName(project.config)));
    return { rows, log };
  });
}

export interface ReadLogOptions extends LogOptions {
  /** At most this many rows, newest first. */
  readonly limit?: number | undefined;
}

const LOG_KEYS: OptionKeys<LogOptions> = { ...PROJECT_KEYS, events: true };
const READ_LOG_KEYS: OptionKeys<ReadLogOptions> = { ...LOG_KEYS, limit: true };

/** The applied log, newest first, as `mig log` shows it (docs/applied-log.md). */
export async function readLog(options: ReadLogOptions = {}): Promise<LogEntry[]> {
  assertOptionKinds("readLog", options, { limit: ["count"] }, "readLog({ limit: 20 })");
  assertKnownOptions("readLog", options, READ_LOG_KEYS, "readLog({ limit: 20 })");
  const { events, limit, ...projectOptions } = options;
  const project = await openProject(projectOptions);
  return (await readState(project, events, (log) => log.read(limit))).log;
}

export interface VerifyResult {
  /** Applied revisions whose script was edited or removed since it ran; empty when none. */
  readonly mismatches: readonly ChecksumMismatch[];
  readonly rows: readonly string[];
}

/** Compares every applied script with the checksum the log recorded, as `mig log --verify`. */
export async function verifyChecksums(options: LogOptions = {}): Promise<VerifyResult> {
  assertKnownOptions("verifyChecksums", options, LOG_KEYS, "verifyChecksums()");
  const { events, ...projectOptions } = options;
  const project = await openProject(projectOptions);
  const { rows, log } = await readState(project, events, (l) => l.readApplied());
  return { mismatches: findMismatches(project, rows, log), rows };
}
