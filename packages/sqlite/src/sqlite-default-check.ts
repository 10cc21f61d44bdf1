import type { TableDefinition } from "@mig/core";
import { isSqlExpression, MigError } from "@mig/core/dialect";
import { isBareDefault } from "./sqlite-ddl-compiler.js";
import type { SqliteConnection } from "./sqlite-driver.js";

/**
 * Fixes for functions other databases have and SQLite lacks, by the name in SQLite's
 * message. `now()` is PostgreSQL's habit; the UUID functions are its extensions'.
 */
const FIXES: Readonly<Record<string, string>> = {
  now: `SQLite has no now(): write sql("CURRENT_TIMESTAMP") (UTC, 'YYYY-MM-DD HH:MM:SS') or sql("(strftime('%Y-%m-%dT%H:%M:%fZ','now'))") (ISO 8601 with milliseconds).`,
  gen_random_uuid: `SQLite has no gen_random_uuid(): write sql("lower(hex(randomblob(16)))") (32 random hex digits), or set the value in the application.`,
  uuid_generate_v4: `SQLite has no uuid_generate_v4(): write sql("lower(hex(randomblob(16)))") (32 random hex digits), or set the value in the application.`,
};

const OTHER_FIX =
  "Write an expression SQLite can evaluate (its functions: https://sqlite.org/lang_corefunc.html), or set the value in the application.";

/**
 * Evaluates each declared default expression once on `scratch`. SQLite's CREATE TABLE
 * checks only that a default is constant; an unknown function, a wrong argument count or
 * an overflow shows when an INSERT first needs the default, long after the migration ran.
 * Literals (SQLite takes them as written, a bare word as a string) cannot fail.
 */
export async function refuseUnevaluableDefaults(
  scratch: SqliteConnection,
  tables: readonly TableDefinition[],
): Promise<void> {
  const checked = new Set<string>();
  for (const def of tables) {
    for (const column of def.columns) {
      if (!isSqlExpression(column.default)) continue;
      const text = column.default.text.trim();
      if (isBareDefault(text) || checked.has(text)) continue;
      checked.add(text);
      try {
        await scratch.query(`SELECT (${text})`);
      } catch (cause) {
        const reason = (cause as Error).message.replace(/\.$/, "");
        const fn = /(?:no such|unknown) function: (\w+)/i.exec(reason)?.[1]?.toLowerCase();
        throw new MigError(
          "schema_invalid",
          `The schema module's table ${def.table.name}, column "${column.name}": SQLite cannot evaluate its default sql(${JSON.stringify(text)}) (${reason}), so every INSERT that leaves the column out would fail.`,
          { hint: (fn && FIXES[fn]) || OTHER_FIX, cause, usage: true },
        );
      }
    }
  }
}
