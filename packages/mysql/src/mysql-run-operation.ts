import {
  applyToTable,
  type ExistingColumn,
  type Operation,
  type Statement,
  sql,
  t,
} from "@mig/core";
import type { OperationContext, QualifiedName } from "@mig/core/dialect";
import type { MysqlDdlCompiler } from "./mysql-ddl-compiler.js";
import { constraintNotFoundError } from "./mysql-ddl-errors.js";
import {
  knownConstraintType,
  knownImplicitIndex,
  readColumn,
  readConstraint,
} from "./mysql-lookup.js";

type Of<K extends Operation["kind"]> = Extract<Operation, { kind: K }>;

/**
 * Runs one operation, first reading what MySQL's DDL needs and the operation left out:
 * a column's definition for MODIFY, a constraint's type for its drop. Online it reads the
 * database; offline it uses the tables this run defined, and the compiler reports what
 * is still missing.
 */
export async function runMysqlOperation(
  ddl: MysqlDdlCompiler,
  op: Operation,
  context: OperationContext,
): Promise<void> {
  if (op.kind === "batch") return runBatch(ddl, op, context);
  for (const statement of await statements(ddl, op, context)) {
    await context.executor.execute(statement.sql, statement.params);
  }
}

async function statements(
  ddl: MysqlDdlCompiler,
  op: Operation,
  context: OperationContext,
): Promise<Statement[]> {
  switch (op.kind) {
    case "alterColumn":
      return ddl.compile(await withExisting(op, context));
    case "dropConstraint":
      return dropConstraint(ddl, op, context);
    default:
      return ddl.compile(op);
  }
}

/** Each change runs natively in turn; offline, the table's definition follows along. */
async function runBatch(
  ddl: MysqlDdlCompiler,
  op: Of<"batch">,
  context: OperationContext,
): Promise<void> {
  let known = context.knownTable(op.table);
  for (const inner of op.operations) {
    const current = known;
    await runMysqlOperation(ddl, inner, {
      executor: context.executor,
      knownTable: (table) => (same(table, op.table) ? current : context.knownTable(table)),
    });
    try {
      known = known && applyToTable(known, inner);
    } catch {
      known = undefined;
    }
  }
}

function restates(op: Of<"alterColumn">): boolean {
  const { changes } = op;
  return (
    changes.type !== undefined || changes.nullable !== undefined || changes.comment !== undefined
  );
}

async function withExisting(
  op: Of<"alterColumn">,
  context: OperationContext,
): Promise<Of<"alterColumn">> {
  const given: ExistingColumn = op.existing ?? {};
  const complete =
    given.type !== undefined &&
    given.nullable !== undefined &&
    given.default !== undefined &&
    given.comment !== undefined &&
    given.autoincrement !== undefined;
  if (!restates(op) || complete) return op;
  let found: ExistingColumn | undefined;
  if (context.executor.offline) {
    const column = context.knownTable(op.table)?.columns.find((c) => c.name === op.column);
    if (column) {
      found = {
        type: column.type,
        nullable: column.nullable,
        default: column.default ?? null,
        comment: column.comment ?? null,
        autoincrement: column.autoincrement ?? false,
      };
    }
  } else {
    const column = await readColumn(context.executor, op.table, op.column);
    found = {
      type: t.raw(column.type),
      nullable: column.nullable,
      default: column.default === null ? null : sql(column.default),
      comment: column.comment,
      autoincrement: column.autoincrement,
    };
  }
  if (!found) return op;
  // What the migration says wins; the database (or the run's model) fills the rest.
  const existing: ExistingColumn = {
    type: given.type ?? found.type,
    nullable: given.nullable ?? found.nullable,
    default: given.default !== undefined ? given.default : found.default,
    comment: given.comment !== undefined ? given.comment : found.comment,
    autoincrement: given.autoincrement ?? found.autoincrement,
  };
  return { ...op, existing };
}

async function dropConstraint(
  ddl: MysqlDdlCompiler,
  op: Of<"dropConstraint">,
  context: OperationContext,
): Promise<Statement[]> {
  let type = op.type;
  let dropIndex: string | undefined;
  if (context.executor.offline) {
    const known = context.knownTable(op.table);
    if (known) {
      type ??= knownConstraintType(known, op.name);
      if (type === "foreign" && knownImplicitIndex(known, op.name)) dropIndex = op.name;
    }
  } else if (type === undefined || type === "foreign") {
    const facts = await readConstraint(context.executor, op.table, op.name);
    type ??= facts.type ?? (op.name.toUpperCase() === "PRIMARY" ? "primary" : undefined);
    if (type === undefined) throw constraintNotFoundError(op.table.name, op.name);
    // MySQL leaves the index it made for a foreign key behind; the drop takes it along.
    dropIndex = facts.implicitIndex;
  }
  const out = ddl.compile({ ...op, type });
  if (dropIndex !== undefined) out.push({ sql: ddl.dropIndexSql(op.table, dropIndex) });
  return out;
}

function same(a: QualifiedName, b: QualifiedName): boolean {
  return a.name === b.name && a.schema === b.schema;
}
