import type { Row } from "../connection/connection.js";
import { addColumnOperations, alterColumnOperation, BatchOperations } from "./batch-operations.js";
import { checkColumnType } from "./column-type.js";
import { OfflineNow } from "./offline-now.js";
import { offlineQueryError } from "./offline-query-error.js";
import type { Operation } from "./operation.js";
import type { OperationExecutor, OperationRunContext } from "./operation-context.js";
import { DONE, OperationQueue } from "./operation-queue.js";
import { createIndexOperation, nullsNotDistinct, tableDefinition } from "./operation-specs.js";
import { PendingCreates } from "./pending-creates.js";
import { type BatchOptions, queueBatch } from "./queue-batch.js";
import { SchemaModel } from "./schema-model.js";
import type {
  AlterColumnSpec,
  ColumnSpec,
  ColumnsSpec,
  CreateIndexOptions,
  CreateTableOptions,
  DropColumnOptions,
  ForeignKeyOptions,
  IndexColumn,
} from "./spec-types.js";
import {
  type ConstraintDefinition,
  type ConstraintType,
  type TableDefinition,
  type TableRef,
  tableName,
} from "./table-definition.js";

/**
 * The `op` object a migration's `upgrade(op)` and `downgrade(op)` receive. Each call is an
 * operation the dialect compiles; calls run in the order they are made, so `await` is
 * optional except where a result is needed (`op.query`). The same script runs online or
 * renders as `--sql`.
 */
export class Operations {
  readonly #exec: OperationExecutor;
  readonly #model: SchemaModel | undefined;
  readonly #pending: PendingCreates;
  readonly #queue = new OperationQueue();
  readonly #context: OperationRunContext;
  /** Offline, where the dialect renders without awaiting: calls written in the script's turn. */
  readonly #now: OfflineNow | undefined;

  constructor(executor: OperationExecutor) {
    this.#exec = executor;
    // Offline there is no database to read, so the run remembers the tables it defines.
    const model = executor.offline ? new SchemaModel() : undefined;
    this.#model = model;
    const { dialect } = executor;
    this.#pending = new PendingCreates(dialect.foldIntoCreate?.bind(dialect));
    this.#context = { executor, knownTable: (table) => model?.get(table) };
    const parts = { queue: this.#queue, pending: this.#pending, model, run: this.#run.bind(this) };
    this.#now = executor.offline ? OfflineNow.for(executor, this.#context, parts) : undefined;
  }

  /** True in `--sql` mode, where statements are written out instead of run. */
  get isOffline(): boolean {
    return this.#exec.offline;
  }

  /** The dialect's name (`sqlite`, `postgres`, `mysql`), for the rare script that must branch. */
  get dialectName(): string {
    return this.#exec.dialect.name;
  }

  createTable(table: TableRef, columns: ColumnsSpec, options?: CreateTableOptions): Promise<void> {
    const definition = tableDefinition(table, columns, options);
    for (const c of definition.columns) {
      checkColumnType(c.type, `table ${definition.table.name}, column ${c.name}`);
    }
    const operation: Operation = { kind: "createTable", definition };
    if (this.#now !== undefined || !this.#pending.folds) return this.invoke(operation);
    // Held while what follows folds in, its CREATE runs at a later call: a failure names this line.
    const site = new Error("call site");
    return this.#queue.enqueue(() => this.#apply(operation, site));
  }

  dropTable(table: TableRef, options: { existing?: TableDefinition } = {}): Promise<void> {
    return this.invoke({ kind: "dropTable", table: tableName(table), existing: options.existing });
  }

  renameTable(table: TableRef, newName: string): Promise<void> {
    return this.invoke({ kind: "renameTable", table: tableName(table), newName });
  }

  /** Adds a column; `unique`, `references` and `primaryKey` add named constraints after it. */
  addColumn(table: TableRef, name: string, spec: ColumnSpec): Promise<void> {
    return this.#all(addColumnOperations(tableName(table), name, spec));
  }

  dropColumn(table: TableRef, name: string, { existing }: DropColumnOptions = {}): Promise<void> {
    return this.invoke({ kind: "dropColumn", table: tableName(table), column: name, existing });
  }

  alterColumn(table: TableRef, column: string, spec: AlterColumnSpec): Promise<void> {
    return this.invoke(alterColumnOperation(tableName(table), column, spec));
  }

  /** `method` (gin, gist; MySQL fulltext) and `include` (PostgreSQL covering columns) are optional. */
  createIndex(
    name: string,
    table: TableRef,
    columns: readonly IndexColumn[],
    options: CreateIndexOptions = {},
  ): Promise<void> {
    return this.invoke(createIndexOperation(name, tableName(table), columns, options));
  }

  /** `table` is required on MySQL and for SQLite offline; PostgreSQL finds the index by name. */
  dropIndex(
    name: string,
    options: { table?: TableRef; concurrently?: boolean; schema?: string } = {},
  ): Promise<void> {
    const table =
      options.table === undefined ? undefined : tableName(options.table, options.schema);
    return this.invoke({ kind: "dropIndex", name, table, concurrently: options.concurrently });
  }

  createPrimaryKey(name: string, table: TableRef, columns: readonly string[]): Promise<void> {
    const constraint = { name, columns };
    return this.invoke({ kind: "createPrimaryKey", table: tableName(table), constraint });
  }

  createForeignKey(
    name: string,
    sourceTable: TableRef,
    referentTable: TableRef,
    localColumns: readonly string[],
    remoteColumns: readonly string[],
    options: ForeignKeyOptions = {},
  ): Promise<void> {
    const batch = new BatchOperations(tableName(sourceTable));
    batch.createForeignKey(name, referentTable, localColumns, remoteColumns, options);
    return this.#all(batch.operations);
  }

  /** `nullsNotDistinct`: PostgreSQL 15+ `UNIQUE NULLS NOT DISTINCT`. */
  createUniqueConstraint(
    name: string,
    table: TableRef,
    columns: readonly string[],
    options: { nullsNotDistinct?: boolean } = {},
  ): Promise<void> {
    const constraint = { name, columns, ...nullsNotDistinct(options) };
    return this.invoke({ kind: "createUniqueConstraint", table: tableName(table), constraint });
  }

  createCheckConstraint(name: string, table: TableRef, condition: string): Promise<void> {
    const constraint = { name, expression: condition };
    return this.invoke({ kind: "createCheckConstraint", table: tableName(table), constraint });
  }

  /**
   * `type` is needed on MySQL offline; online mig looks it up. `existing`, the constraint's
   * definition, makes the drop reversible and finds a constraint that has no name (SQLite).
   */
  dropConstraint(
    name: string,
    table: TableRef,
    options: { type?: ConstraintType; existing?: ConstraintDefinition } = {},
  ): Promise<void> {
    return this.invoke({
      kind: "dropConstraint",
      table: tableName(table),
      name,
      type: options.type ?? options.existing?.type,
      existing: options.existing,
    });
  }

  createTableComment(
    table: TableRef,
    comment: string,
    options: { existing?: string | null } = {},
  ): Promise<void> {
    const existing = options.existing;
    return this.invoke({ kind: "setTableComment", table: tableName(table), comment, existing });
  }

  dropTableComment(table: TableRef, options: { existing?: string | null } = {}): Promise<void> {
    const existing = options.existing;
    return this.invoke({
      kind: "setTableComment",
      table: tableName(table),
      comment: null,
      existing,
    });
  }

  /**
   * Changes a named enum type's values (PostgreSQL): added values are added in place;
   * a removed or reordered value recreates the type and converts its columns. Pass
   * `existing` (the values before) so the change can be reversed.
   */
  alterEnum(
    name: string,
    values: readonly string[],
    options: { schema?: string; existing?: readonly string[] } = {},
  ): Promise<void> {
    return this.invoke({ kind: "alterEnum", name, values, ...options });
  }

  /** Inserts rows (values bound online, rendered as literals offline). */
  bulkInsert(table: TableRef, rows: readonly Readonly<Record<string, unknown>>[]): Promise<void> {
    return this.invoke({ kind: "bulkInsert", table: tableName(table), rows });
  }

  /**
   * Several changes to one table. On SQLite they run as one copy of the table (create the
   * new table, copy the rows, drop the old one, rename), keeping rows, indexes and foreign
   * keys; elsewhere each change runs natively. `copyFrom` gives the table's definition for
   * `--sql` runs that did not create the table themselves.
   */
  batchAlterTable(
    table: TableRef,
    build: (batch: BatchOperations) => void | Promise<void>,
    options: BatchOptions = {},
  ): Promise<void> {
    return queueBatch(this.#queue, (operation) => this.#apply(operation), table, build, options);
  }

  /**
   * Creates a schema (PostgreSQL), when it does not exist yet: `CREATE SCHEMA IF NOT EXISTS`.
   * Autogenerate writes it before the first table of a schema the database has none in.
   */
  createSchema(name: string): Promise<void> {
    return this.invoke({ kind: "createSchema", name });
  }

  /** Drops a schema if it exists and is empty (PostgreSQL): `DROP SCHEMA IF EXISTS`, no CASCADE. */
  dropSchema(name: string): Promise<void> {
    return this.invoke({ kind: "dropSchema", name });
  }

  /** Runs raw SQL. Parameters use the driver's placeholder style (`?`, or `$1` on PostgreSQL). */
  execute(sql: string, params?: readonly unknown[]): Promise<void> {
    return this.invoke({ kind: "execute", sql, params });
  }

  /** Runs a query and returns its rows, for data migrations. Not available with `--sql`. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    if (this.#exec.offline) {
      const error = offlineQueryError();
      return this.#queue.enqueue(() => Promise.reject(error));
    }
    return this.#queue.enqueue(async () => {
      if (this.#pending.holding) await this.#runPending();
      return this.#exec.query<R>(sql, params);
    });
  }

  /** Runs an operation given as data (what the methods above build). */
  invoke(operation: Operation): Promise<void> {
    return this.#now?.invoke(operation) ?? this.#queue.enqueue(() => this.#apply(operation));
  }

  /** Holds a new table's CREATE TABLE while constraints can fold in, else runs the operation. */
  #apply(operation: Operation, site?: Error): Promise<void> {
    if (this.#pending.take(operation, site)) return DONE;
    if (this.#pending.holding) return this.#runPending().then(() => this.#run(operation));
    return this.#run(operation);
  }

  /** Creates the tables whose CREATE TABLE waited for constraints to fold in. */
  #runPending(): Promise<void> {
    return this.#pending.runHeld((create) => this.#run(create));
  }

  /**
   * Waits for every operation called so far; rethrows the first failure. The runner calls
   * it after `upgrade()`/`downgrade()` returns, so un-awaited calls still run and report.
   */
  flush(): Promise<void> {
    // Tables still held for constraints to fold in are created before the migration ends.
    if (this.#now?.flush()) return DONE;
    void this.#queue.enqueue(() => this.#runPending());
    return this.#queue.flush();
  }

  /** Waits for pending operations and forgets any failure (after a migration failed). */
  async settle(): Promise<void> {
    await this.#queue.settle();
    this.#pending.drain();
  }

  async #run(operation: Operation): Promise<void> {
    await this.#exec.dialect.runOperation(operation, this.#context);
    this.#model?.apply(operation);
  }

  /** One queued task for several operations (addColumn's constraints, createForeignKey). */
  #all(operations: readonly Operation[]): Promise<void> {
    return this.#queue.enqueue(async () => {
      for (const operation of operations) await this.#apply(operation);
    });
  }
}
