import { isMigError, MigError } from "../errors/mig-error.js";

export interface MigrationFailure {
  readonly revision: string;
  readonly direction: "up" | "down";
  readonly message: string;
  /** The script and line it failed at (`migrations/0002_add.ts:14`), when known. */
  readonly location?: string | undefined;
  /** The script had run: mig's own version-table or applied-log statement failed. */
  readonly recording?: boolean | undefined;
  /** The statement that failed, when one did. */
  readonly statement: string | undefined;
  /** Statements of this migration that ran before the failure and were not rolled back. */
  readonly keptStatements: readonly string[];
  /** Of the failing statement, a batch of several: how many ran before the one that failed and stay. */
  readonly batchKept?: number | undefined;
  /** The version table's rows after the failure. */
  readonly rows: readonly string[];
  /** False where the database cannot roll DDL back, so partial work may remain. */
  readonly rolledBack: boolean;
  /** The script runs outside a transaction (`transactional = false`): why it was not rolled back. */
  readonly outsideTransaction?: boolean | undefined;
  /** A `--sql` run: nothing touched a database. */
  readonly offline?: boolean;
  /** The dialect's fix for the cause, better than "fix the script" (`Dialect.fixFor`). */
  readonly fix?: string | undefined;
  readonly cause: unknown;
}

const clip = (sql: string, n = 120) => {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > n ? `${flat.slice(0, n - 3)}...` : flat;
};

/** A migration script failed; the run stopped and the database is at the last good revision. */
export class MigrationFailedError extends MigError {
  readonly revision: string;
  readonly direction: "up" | "down";
  readonly statement: string | undefined;
  readonly keptStatements: readonly string[];
  readonly rows: readonly string[];
  readonly location: string | undefined;

  constructor(f: MigrationFailure) {
    const at = f.statement ? ` at \`${clip(f.statement)}\`` : "";
    const now = f.rows.length > 0 ? f.rows.join(", ") : "base (no revision)";
    const kept = f.keptStatements.map((s) => `\`${clip(s, 60)}\``).join("; ");
    const batchKept = f.rolledBack ? 0 : (f.batchKept ?? 0);
    const stays = [
      ...(f.keptStatements.length > 0
        ? [`${f.keptStatements.length} earlier statement(s) of ${f.revision} (${kept})`]
        : []),
      ...(batchKept > 0 ? [`the first ${batchKept} statement(s) of the failing batch`] : []),
    ].join(" and ");
    // An operation's own error knows the fix better than "fix the script".
    const fix = (isMigError(f.cause) && f.cause.hint) || f.fix || "Fix the script and run again.";
    const why = f.outsideTransaction
      ? `${f.revision} runs outside a transaction (transactional = false)`
      : "This database cannot roll back DDL";
    const hint = f.offline
      ? fix
      : f.rolledBack
        ? `The database is at ${now}. ${fix}`
        : batchKept > 0
          ? // `--resume` would send the failing batch again from its start: not offered.
            `${why}: ${stays} stay applied; the version table still says ${now}. Undo them by hand, or make the script re-runnable (\`IF NOT EXISTS\`), then run again.`
          : f.keptStatements.length > 0
            ? `${why}: ${f.keptStatements.length} earlier statement(s) of ${f.revision} stay applied (${kept}); the version table still says ${now}. ${f.direction === "up" ? "Fix the failing statement and run `mig up --resume` to run the rest (docs/resume.md), or undo them by hand." : "Undo them or make the script re-runnable, then run again."}`
            : // "This run": after `--restart`, what an earlier run applied may still be there.
              f.statement === undefined
              ? `${why}, but ${f.revision} failed before running any statement: this run applied none of it; the version table still says ${now}. ${fix}`
              : `${why}, but ${f.revision} failed at its first statement: this run applied none of its statements; the version table still says ${now}. ${fix}`;
    super(
      "migration_failed",
      `${f.direction === "up" ? "Upgrade" : "Downgrade"} ${f.revision} failed${f.recording ? " while mig recorded it" : f.location ? ` in ${f.location}` : ""}${at}: ${f.message}`,
      {
        hint,
        cause: f.cause,
      },
    );
    this.name = "MigrationFailedError";
    this.revision = f.revision;
    this.direction = f.direction;
    this.statement = f.statement;
    this.keptStatements = f.keptStatements;
    this.rows = f.rows;
    this.location = f.location;
  }
}
