import type { QualifiedName } from "../connection/qualified-name.js";

/** A time in a log row: a JS time, the database's own clock (offline output), or none. */
export type LogTime = Date | "now" | null;

/** One row of the applied log, as the runner writes it. */
export interface LogRowValues {
  readonly revision: string;
  readonly direction: "up" | "down" | "stamp";
  readonly checksum: string | null;
  readonly startedAt: LogTime;
  readonly finishedAt: LogTime;
  readonly durationMs: number | null;
  readonly success: boolean;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly statementsDone: number | null;
  /** SHA-256 of statements 1..statementsDone where they stayed applied after a failure (resume). */
  readonly statementsChecksum: string | null;
  /** On a row of `up --resume`: how many statements an earlier failed run had applied. */
  readonly resumedFrom: number | null;
  readonly migVersion: string;
  readonly tag: string | null;
  readonly host: string;
}

/**
 * Applied-log statements as SQL text, values rendered as literals (so they work offline),
 * as `VersionTableSql` is. `db_user` is filled by the database itself (`currentUser`).
 */
export interface LogTableSql {
  create(table: QualifiedName): string;
  /** The whole row; `db_user` from the database. */
  insert(table: QualifiedName, row: LogRowValues): string;
  /**
   * Finishes the unfinished row of the same revision, direction and start (written by
   * `insert` before a step that cannot roll back): end, duration, result, statements done.
   */
  finish(table: QualifiedName, row: LogRowValues): string;
  /** Every row, newest first, at most `limit` when given. */
  select(table: QualifiedName, limit?: number): string;
  /**
   * The successful up and down rows, newest first, only what the checksum comparison
   * needs (`revision`, `direction`, `checksum`, `started_at`): every `mig up` reads them.
   */
  selectApplied(table: QualifiedName): string;
  /**
   * Every row of each revision that has a failed row with `statements_checksum` (a step
   * half applied where DDL commits implicitly), newest first: usually none.
   */
  selectHalfApplied(table: QualifiedName): string;
  /** An SQL expression for the session's database user (NULL where there is none). */
  currentUser(): string;
}

/** The column types a dialect spells differently; the rest of the log's SQL is shared. */
export interface LogColumnTypes {
  /** The whole `id` column definition: an auto-increment integer primary key. */
  readonly id: string;
  readonly timestamp: string;
  readonly boolean: string;
  readonly text: string;
  /** The database's current time as an SQL expression, for offline rows. */
  readonly now: string;
}

/** Builds a dialect's `LogTableSql` from its quoting, literals and column types. */
export function logTableSql(
  d: {
    qualify(t: QualifiedName): string;
    quoteIdentifier(name: string): string;
    literal(value: unknown): string;
  },
  types: LogColumnTypes,
  currentUser: string,
  createSuffix = "",
): LogTableSql {
  const q = (name: string) => d.quoteIdentifier(name);
  const time = (t: LogTime) => (t === "now" ? types.now : d.literal(t));
  const values = (r: LogRowValues): [string, string][] => [
    ["revision", d.literal(r.revision)],
    ["direction", d.literal(r.direction)],
    ["checksum", d.literal(r.checksum)],
    ["started_at", time(r.startedAt)],
    ["finished_at", time(r.finishedAt)],
    ["duration_ms", d.literal(r.durationMs === null ? null : Math.round(r.durationMs))],
    ["success", d.literal(r.success)],
    ["error_code", d.literal(r.errorCode)],
    ["error_message", d.literal(r.errorMessage)],
    ["statements_done", d.literal(r.statementsDone)],
    ["statements_checksum", d.literal(r.statementsChecksum)],
    ["resumed_from", d.literal(r.resumedFrom)],
    ["mig_version", d.literal(r.migVersion)],
    ["tag", d.literal(r.tag)],
    ["host", d.literal(r.host)],
    ["db_user", currentUser],
  ];
  return {
    create: (t) =>
      `CREATE TABLE ${d.qualify(t)} (${q("id")} ${types.id}, ${q("revision")} VARCHAR(255) NOT NULL, ${q("direction")} VARCHAR(8) NOT NULL, ${q("checksum")} VARCHAR(64), ${q("started_at")} ${types.timestamp} NOT NULL, ${q("finished_at")} ${types.timestamp}, ${q("duration_ms")} INTEGER, ${q("success")} ${types.boolean} NOT NULL, ${q("error_code")} VARCHAR(64), ${q("error_message")} ${types.text}, ${q("statements_done")} INTEGER, ${q("statements_checksum")} VARCHAR(64), ${q("resumed_from")} INTEGER, ${q("mig_version")} VARCHAR(32) NOT NULL, ${q("tag")} VARCHAR(255), ${q("host")} VARCHAR(255) NOT NULL, ${q("db_user")} VARCHAR(255))${createSuffix}`,
    insert: (t, r) => {
      const pairs = values(r);
      return `INSERT INTO ${d.qualify(t)} (${pairs.map(([c]) => q(c)).join(", ")}) VALUES (${pairs.map(([, v]) => v).join(", ")})`;
    },
    finish: (t, r) => {
      const set = values(r).filter(([c]) =>
        [
          "finished_at",
          "duration_ms",
          "success",
          "error_code",
          "error_message",
          "statements_done",
          "statements_checksum",
        ].includes(c),
      );
      return `UPDATE ${d.qualify(t)} SET ${set.map(([c, v]) => `${q(c)} = ${v}`).join(", ")} WHERE ${q("revision")} = ${d.literal(r.revision)} AND ${q("direction")} = ${d.literal(r.direction)} AND ${q("started_at")} = ${time(r.startedAt)} AND ${q("finished_at")} IS NULL`;
    },
    select: (t, limit) =>
      `SELECT * FROM ${d.qualify(t)} ORDER BY ${q("id")} DESC${limit === undefined ? "" : ` LIMIT ${Math.max(0, Math.floor(limit))}`}`,
    selectApplied: (t) =>
      `SELECT ${["revision", "direction", "checksum", "started_at"].map(q).join(", ")} FROM ${d.qualify(t)} WHERE ${q("success")} = ${d.literal(true)} AND ${q("direction")} IN ('up', 'down') ORDER BY ${q("id")} DESC`,
    selectHalfApplied: (t) =>
      `SELECT ${["id", "revision", "direction", "success", "statements_done", "statements_checksum"].map(q).join(", ")} FROM ${d.qualify(t)} WHERE ${q("revision")} IN (SELECT ${q("revision")} FROM ${d.qualify(t)} WHERE ${q("statements_checksum")} IS NOT NULL AND ${q("success")} = ${d.literal(false)}) ORDER BY ${q("id")} DESC`,
    currentUser: () => currentUser,
  };
}
