import { MigError } from "../errors/mig-error.js";

/** Another run holds the migration lock and did not finish in time. */
export class LockTimeoutError extends MigError {
  constructor(timeoutMs: number, detail = "") {
    super(
      "lock_timeout",
      `Another migration run holds the lock; gave up after ${timeoutMs / 1000} s${detail ? ` (${detail})` : ""}.`,
      { hint: "Wait for it to finish, or raise --lock-timeout." },
    );
    this.name = "LockTimeoutError";
  }
}

/** The database could not be reached or refused the login. Messages never hold a password. */
export class DatabaseConnectionError extends MigError {
  constructor(message: string, hint: string, cause?: unknown) {
    super("connection_failed", message, { hint, cause });
    this.name = "DatabaseConnectionError";
  }
}

/** A connection was used after it was given back to its source. */
export function connectionReleasedError(): MigError {
  return new MigError(
    "connection_released",
    "This connection was already given back to the pool.",
    {
      hint: "Acquire a new connection from the source.",
    },
  );
}

/** A table collation where tables have none (PostgreSQL, SQLite: collations are per column). */
export function tableCollationError(table: string): MigError {
  return new MigError(
    "unsupported_operation",
    `createTable ${table}: this database has no table collation (only MySQL/MariaDB has).`,
    { hint: "Drop the table's collation option; give the columns a collation instead." },
  );
}

/** `withoutRowid` or `strict` on a database other than SQLite: refused, never dropped. */
export function refuseSqliteOptions(def: {
  readonly table: { readonly name: string };
  readonly withoutRowid?: boolean | undefined;
  readonly strict?: boolean | undefined;
}): void {
  const option = def.withoutRowid ? "withoutRowid" : def.strict ? "strict" : undefined;
  if (option === undefined) return;
  throw new MigError(
    "unsupported_operation",
    `createTable ${def.table.name}: ${option} is a SQLite table option; this database has no such option.`,
    { hint: `Drop the table's ${option} option.` },
  );
}

/** alterEnum where enums live in their columns' types (every database but PostgreSQL). */
export function noEnumTypesError(name: string): MigError {
  return new MigError(
    "unsupported_operation",
    `alterEnum: this database has no enum types (${name}).`,
    { hint: "Change the columns' enum type with alterColumn instead." },
  );
}

export function noSchemaDdlError(kind: string, name: string): MigError {
  return new MigError(
    "unsupported_operation",
    `${kind}: this database does not create or drop schemas with mig (${name}).`,
    { hint: "Create the schema (on MySQL, the database) by hand, or with op.execute()." },
  );
}
