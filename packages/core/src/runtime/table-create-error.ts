import { firstLine } from "../errors/first-line.js";
import { isMigError, MigError } from "../errors/mig-error.js";

/**
 * The error for one of mig's own tables (`what`: "the version table", "the applied log";
 * `table` as the SQL names it) that the database would not create: the driver's reason, in
 * a sentence that says what mig was doing, and the usual fix. The usual cause is a user
 * without CREATE on the schema (PostgreSQL 15 and later no longer grant it on `public`), or
 * a schema that does not exist. A MigError (an interrupted run, say) is returned unchanged.
 */
export function tableCreateError(error: unknown, what: string, table: string): unknown {
  if (isMigError(error)) return error;
  const reason = firstLine(error)
    .trim()
    .replace(/[.\s]+$/, "");
  return new MigError("table_create_failed", `Cannot create ${what} ${table}: ${reason}.`, {
    hint: "Let the database user create tables in that schema, or set versionTableSchema (logTableSchema) to one it can; beforeMigrate can create the schema.",
    cause: error,
  });
}
