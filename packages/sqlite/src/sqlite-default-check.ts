import type { Operation, TableDefinition } from "@mig/core";
import { isSqlExpression, MigError } from "@mig/core/dialect";
import { isBareDefault } from "./sqlite-ddl-compiler.js";
import { SqliteConnection } from "./sqlite-driver.js";
import { MEMORY } from "./sqlite-url.js";

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

/** Whether `text`, a default SQLite would store as an expression, needs evaluating at all. */
function evaluable(text: string): boolean {
  return !isBareDefault(text);
}

/** Runs `SELECT (<text>)` with `query`; the error naming `where`, with the fix, when it fails. */
async function evaluate(
  query: (sql: string) => Promise<unknown>,
  text: string,
  failure: (reason: string) => string,
  usage: boolean,
): Promise<void> {
  try {
    await query(`SELECT (${text})`);
  } catch (cause) {
    const reason = (cause as Error).message.replace(/\.$/, "");
    const fn = /(?:no such|unknown) function: (\w+)/i.exec(reason)?.[1]?.toLowerCase();
    throw new MigError(usage ? "schema_invalid" : "sqlite_default_invalid", failure(reason), {
      hint: (fn && FIXES[fn]) || OTHER_FIX,
      cause,
      ...(usage ? { usage: true } : {}),
    });
  }
}

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
      if (!evaluable(text) || checked.has(text)) continue;
      checked.add(text);
      await evaluate(
        (sql) => scratch.query(sql),
        text,
        (reason) =>
          `The schema module's table ${def.table.name}, column "${column.name}": SQLite cannot evaluate its default sql(${JSON.stringify(text)}) (${reason}), so every INSERT that leaves the column out would fail.`,
        true,
      );
    }
  }
}

/** A default an operation sets, with where it goes. */
interface SetDefault {
  readonly table: string;
  readonly column: string;
  readonly text: string;
}

function defaultsOf(op: Operation): SetDefault[] {
  const of = (table: string, column: string, value: unknown): SetDefault[] =>
    isSqlExpression(value) && evaluable(value.text.trim())
      ? [{ table, column, text: value.text.trim() }]
      : [];
  switch (op.kind) {
    case "createTable":
      return op.definition.columns.flatMap((c) => of(op.definition.table.name, c.name, c.default));
    case "addColumn":
      return of(op.table.name, op.column.name, op.column.default);
    case "alterColumn":
      return of(op.table.name, op.changes.newName ?? op.column, op.changes.default);
    case "batch":
      return op.operations.flatMap(defaultsOf);
    default:
      return [];
  }
}

/**
 * A migration's `createTable`, `addColumn` or `alterColumn` setting a default SQLite cannot
 * evaluate fails before its DDL runs, as the schema module's does in check and autogenerate.
 * `query` evaluates online on the connection, offline on a private in-memory database.
 */
export async function refuseOperationDefaults(
  op: Operation,
  query: (sql: string) => Promise<unknown>,
): Promise<void> {
  for (const d of defaultsOf(op)) {
    await evaluate(
      query,
      d.text,
      (reason) =>
        `Column ${d.table}.${d.column}: SQLite cannot evaluate its default sql(${JSON.stringify(d.text)}) (${reason}), so every INSERT that leaves the column out would fail.`,
      false,
    );
  }
}

/** Whether `op` sets a default that needs evaluating (then it is checked, asynchronously). */
export function setsEvaluableDefault(op: Operation): boolean {
  return defaultsOf(op).length > 0;
}

let scratch: SqliteConnection | undefined;

/** Offline there is no database: a private in-memory one evaluates, opened on first need. */
export function offlineQuery(sql: string): Promise<unknown> {
  scratch ??= new SqliteConnection({ file: MEMORY, timeoutMs: 0, foreignKeys: false, mode: "rwc" });
  return scratch.query(sql);
}
