import type { LogRowValues } from "../dialect/log-table-sql.js";
import { firstLine } from "../errors/first-line.js";
import { isMigError } from "../errors/mig-error.js";

/** One row of the applied log as `readLog()` returns it. */
export interface LogEntry {
  readonly id: number;
  readonly revision: string;
  readonly direction: "up" | "down" | "stamp";
  readonly checksum: string | null;
  /** ISO 8601, UTC. */
  readonly startedAt: string;
  /** Null while the step runs, or when it stopped half way where DDL is not transactional. */
  readonly finishedAt: string | null;
  readonly durationMs: number | null;
  readonly success: boolean;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly statementsDone: number | null;
  /** SHA-256 of the statements that stayed applied after a failure, for `up --resume`. */
  readonly statementsChecksum: string | null;
  /** On a row of `up --resume`: the statements an earlier failed run had applied. */
  readonly resumedFrom: number | null;
  readonly migVersion: string;
  readonly tag: string | null;
  readonly host: string;
  readonly dbUser: string | null;
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const time = (v: unknown): string | null =>
  v === null || v === undefined
    ? null
    : v instanceof Date
      ? v.toISOString()
      : new Date(
          String(v).replace(" ", "T") + (/[zZ]|[+-]\d\d:?\d\d$/.test(String(v)) ? "" : "Z"),
        ).toISOString();

/** What the checksum comparison reads of a successful up or down row. */
export type AppliedEntry = Pick<
  LogEntry,
  "revision" | "direction" | "checksum" | "startedAt" | "success"
>;

/** A `selectApplied` row as an AppliedEntry. */
export function appliedEntryOf(row: Record<string, unknown>): AppliedEntry {
  return {
    revision: String(row.revision),
    direction: String(row.direction) as LogEntry["direction"],
    checksum: text(row.checksum),
    startedAt: time(row.started_at) ?? "",
    success: true,
  };
}

/** A row as the driver returns it (Date or text times, 0/1 or boolean flags) as a LogEntry. */
export function logEntryOf(row: Record<string, unknown>): LogEntry {
  return {
    id: Number(row.id),
    revision: String(row.revision),
    direction: String(row.direction) as LogEntry["direction"],
    checksum: text(row.checksum),
    startedAt: time(row.started_at) ?? "",
    finishedAt: time(row.finished_at),
    durationMs: num(row.duration_ms),
    success: row.success === true || Number(row.success) === 1,
    errorCode: text(row.error_code),
    errorMessage: text(row.error_message),
    statementsDone: num(row.statements_done),
    statementsChecksum: text(row.statements_checksum),
    resumedFrom: num(row.resumed_from),
    migVersion: String(row.mig_version),
    tag: text(row.tag),
    host: String(row.host),
    dbUser: text(row.db_user),
  };
}

/** The error's code for the log: a MigError's, else the driver's (`ER_...`, SQLSTATE, `SQLITE_...`). */
export function errorCodeOf(error: unknown): string | null {
  const cause = isMigError(error) && error.code === "migration_failed" ? error.cause : error;
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === "string" && code) return code.slice(0, 64);
  if (typeof code === "number") return String(code);
  return isMigError(error) ? error.code : null;
}

/** The first line of the error's message, short enough for the log. */
export function errorMessageOf(error: unknown, mask: (text: string) => string): string {
  const cause = isMigError(error) && error.code === "migration_failed" ? error.cause : error;
  const line = mask(firstLine(cause));
  return line.length > 2000 ? `${line.slice(0, 1997)}...` : line;
}

export type { LogRowValues };
