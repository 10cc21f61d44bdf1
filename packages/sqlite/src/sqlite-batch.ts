import type { Operation, Statement, TableDefinition } from "@mig/core";
import {
  type Executor,
  isSqlExpression,
  MigError,
  type OperationContext,
  type QualifiedName,
} from "@mig/core/dialect";
import { copyReason, planCopy } from "./sqlite-copy-plan.js";
import { tableTriggers } from "./sqlite-copy-triggers.js";
import type { SqliteDdlCompiler } from "./sqlite-ddl-compiler.js";
import {
  offlineQuery,
  refuseOperationDefaults,
  setsEvaluableDefault,
} from "./sqlite-default-check.js";
import { type ForeignKeyViolation, foreignKeyViolationError } from "./sqlite-foreign-keys.js";
import { readTableDefinition, type TableSource } from "./sqlite-table-reader.js";
import { assertViewsWork, brokenViews } from "./sqlite-views-check.js";

/** The parts of the dialect a batch uses. */
export interface BatchWriter {
  readonly ddl: SqliteDdlCompiler;
  quoteIdentifier(name: string): string;
  qualify(name: QualifiedName): string;
  literal(value: unknown): string;
}

/**
 * Runs one operation on SQLite: natively when ALTER TABLE can do it, otherwise as
 * Alembic's "move and copy" batch (create the new table under a temporary name, copy
 * the rows, drop the old table, rename the new one, recreate the indexes).
 */
export async function runSqliteOperation(
  writer: BatchWriter,
  op: Operation,
  context: OperationContext,
): Promise<void> {
  const exec = context.executor;
  await refuseOperationDefaults(op, exec.offline ? offlineQuery : (sql) => exec.query(sql));
  const table = tableOf(op);
  const mayNeedTable =
    table !== undefined && (mentionsDropColumn(op) || copyReason(op, undefined) !== undefined);
  const source = mayNeedTable ? await currentTable(op, table, context) : undefined;
  const reason = copyReason(op, source?.definition);
  if (reason === undefined) {
    const ops = op.kind === "batch" ? op.operations : [op];
    for (const inner of ops) await executeAll(exec, writer.ddl.compile(inner));
    return;
  }
  if (op.kind === "batch" && op.recreate === "never") {
    throw new MigError(
      "sqlite_batch_recreate_never",
      `The batch on "${op.table.name}" has recreate: "never", but SQLite cannot ${reason} without copying the table.`,
      { hint: 'Use recreate: "auto", or leave that change out of the batch.' },
    );
  }
  if (source === undefined) throw missingTable(table!, exec.offline);
  const operations = op.kind === "batch" ? op.operations : [op];
  const statements = copyStatements(writer, source, operations);
  if (exec.offline) await executeAll(exec, offlineCopy(statements, exec));
  else await runCopy(exec, statements, table!.name);
}

/**
 * Offline, one operation's statements made now, as `runSqliteOperation` writes them: the
 * table a copy starts from is the one the run defined. Undefined for a batch, which that
 * writes change by change.
 */
export function sqliteOfflineStatements(
  writer: BatchWriter,
  op: Operation,
  context: OperationContext,
): readonly Statement[] | undefined {
  // A default to evaluate first waits for runSqliteOperation, which can.
  if (op.kind === "batch" || setsEvaluableDefault(op)) return undefined;
  const table = tableOf(op);
  const mayNeedTable =
    table !== undefined && (mentionsDropColumn(op) || copyReason(op, undefined) !== undefined);
  const definition = mayNeedTable ? context.knownTable(table) : undefined;
  const reason = copyReason(op, definition);
  if (reason === undefined) return writer.ddl.compile(op);
  if (definition === undefined) throw missingTable(table!, true);
  return offlineCopy(
    copyStatements(writer, { definition, tableOptions: "" }, [op]),
    context.executor,
  );
}

/**
 * Offline, a copy in a `transactional = false` migration runs where the script has turned
 * foreign keys back on: dropping the old table would fire its ON DELETE actions (a replay
 * emptied the child table). So the copy turns them off around itself, in a savepoint of its
 * own. Inside the output's transactions they are off already (the script turns them off
 * before them): the copy is written as it is.
 */
function offlineCopy(statements: Statement[], exec: Executor): Statement[] {
  if (exec.inTransaction !== false) return statements;
  return [
    { sql: "PRAGMA foreign_keys = OFF" },
    { sql: 'SAVEPOINT "mig_batch"' },
    ...statements,
    { sql: 'RELEASE "mig_batch"' },
    { sql: "PRAGMA foreign_keys = ON" },
  ];
}

/** CREATE tmp, INSERT ... SELECT, DROP, RENAME, CREATE INDEX: the copy as statements. */
export function copyStatements(
  writer: BatchWriter,
  source: TableSource,
  operations: readonly Operation[],
): Statement[] {
  const before = source.definition;
  const { after, sources, filled } = planCopy(before, operations);
  const tmp = { ...before.table, name: `_mig_tmp_${after.table.name}` };
  const [create, ...rest] = writer.ddl.createTableSql({ ...after, table: tmp });
  const options = source.tableOptions ? ` ${source.tableOptions}` : "";
  // A generated column computes its own values: the copy inserts into the others only.
  const copied = after.columns.filter(
    (c) => !c.generated && (sources.has(c.name) || filled.has(c.name)),
  );
  const id = (name: string) => writer.quoteIdentifier(name);
  const value = (name: string) => {
    const source = sources.get(name);
    if (source !== undefined) return id(source);
    const v = filled.get(name) ?? null;
    return isSqlExpression(v) ? `(${v.text})` : writer.literal(v);
  };
  const statements: Statement[] = [{ sql: `${create!.sql}${options}` }, ...rest];
  if (copied.length > 0) {
    statements.push({
      sql: `INSERT INTO ${writer.qualify(tmp)} (${copied.map((c) => id(c.name)).join(", ")}) SELECT ${copied.map((c) => value(c.name)).join(", ")} FROM ${writer.qualify(before.table)}`,
    });
  }
  statements.push(
    { sql: `DROP TABLE ${writer.qualify(before.table)}` },
    // Legacy rename: a view that reads the table would otherwise fail the rename ("error in
    // view v: no such table"); online, sqlite-views-check.ts then checks every view.
    { sql: "PRAGMA legacy_alter_table = ON" },
    { sql: `ALTER TABLE ${writer.qualify(tmp)} RENAME TO ${id(after.table.name)}` },
    { sql: "PRAGMA legacy_alter_table = OFF" },
    ...writer.ddl.createIndexes(after),
  );
  return statements;
}

/**
 * Online, the copy must not fire foreign-key actions when the old table is dropped.
 * Inside mig's transaction the connection has already turned enforcement off (it checks
 * at commit); outside any transaction the copy is its own transaction, checked the same way.
 */
async function runCopy(
  exec: Executor,
  statements: readonly Statement[],
  table: string,
): Promise<void> {
  const broken = await brokenViews(exec);
  const triggers = await tableTriggers(exec, table);
  const copy = [...statements, ...triggers.map((sql) => ({ sql }))];
  if (await foreignKeysOn(exec)) {
    await exec.execute("PRAGMA foreign_keys = OFF");
    try {
      if (await foreignKeysOn(exec)) throw foreignKeysInTransaction();
      await exec.execute("BEGIN IMMEDIATE");
      try {
        await executeAll(exec, copy);
        await assertViewsWork(exec, table, broken);
        const violations = await exec.query<ForeignKeyViolation & Record<string, unknown>>(
          "PRAGMA foreign_key_check",
        );
        if (violations.length > 0) throw foreignKeyViolationError(violations);
        await exec.execute("COMMIT");
      } catch (error) {
        await exec.execute("ROLLBACK").catch(() => undefined);
        await legacyRenameOff(exec);
        throw error;
      }
    } finally {
      await exec.execute("PRAGMA foreign_keys = ON");
    }
    return;
  }
  // A savepoint is a nested transaction inside the migration's, or a transaction of its
  // own outside one: a failed copy never leaves the temporary table behind.
  await exec.execute('SAVEPOINT "mig_batch"');
  try {
    await executeAll(exec, copy);
    await assertViewsWork(exec, table, broken);
  } catch (error) {
    await exec.execute('ROLLBACK TO "mig_batch"').catch(() => undefined);
    await exec.execute('RELEASE "mig_batch"').catch(() => undefined);
    await legacyRenameOff(exec);
    throw error;
  }
  await exec.execute('RELEASE "mig_batch"');
}

/** A rename that failed left the connection renaming the legacy way: later renames must not. */
async function legacyRenameOff(exec: Executor): Promise<void> {
  await exec.execute("PRAGMA legacy_alter_table = OFF").catch(() => undefined);
}

async function foreignKeysOn(exec: Executor): Promise<boolean> {
  const rows = await exec.query<{ foreign_keys: number }>("PRAGMA foreign_keys");
  return rows[0]?.foreign_keys === 1;
}

async function executeAll(exec: Executor, statements: readonly Statement[]): Promise<void> {
  for (const s of statements) await exec.execute(s.sql, s.params);
}

async function currentTable(
  op: Operation,
  table: QualifiedName,
  context: OperationContext,
): Promise<TableSource | undefined> {
  const plain = (definition: TableDefinition | undefined): TableSource | undefined =>
    definition && { definition, tableOptions: "" };
  if (op.kind === "batch" && op.copyFrom) return plain(op.copyFrom);
  if (context.executor.offline) return plain(context.knownTable(table));
  return readTableDefinition(context.executor, table);
}

function tableOf(op: Operation): QualifiedName | undefined {
  if (op.kind === "createTable") return op.definition.table;
  if ("table" in op) return op.table;
  return undefined;
}

function mentionsDropColumn(op: Operation): boolean {
  if (op.kind === "batch") return op.operations.some(mentionsDropColumn);
  return op.kind === "dropColumn";
}

function missingTable(table: QualifiedName, offline: boolean): MigError {
  if (offline) {
    return new MigError(
      "sqlite_batch_offline",
      `batch on SQLite with --sql needs the table's definition: pass copyFrom, or run online (table "${table.name}").`,
      {
        hint: "op.batchAlterTable(table, build, { copyFrom }) gives it; a table created earlier in the same run is known.",
      },
    );
  }
  return new MigError("schema_mismatch", `Table "${table.name}" does not exist.`, {
    hint: "Check the table's name, and that the migration that creates it has run.",
  });
}

function foreignKeysInTransaction(): MigError {
  return new MigError(
    "sqlite_foreign_keys_in_transaction",
    "Foreign keys are on inside an open transaction, so SQLite cannot copy a table without firing ON DELETE actions.",
    {
      hint: "Let mig open the transaction (its SQLite connection defers foreign-key checks to the commit), or turn foreign_keys off for the migration.",
    },
  );
}
