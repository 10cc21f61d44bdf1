import type { ColumnType, Operation, TableDefinition } from "@mig/core";
import {
  type Connection,
  type ConnectOptions,
  type DatabaseUrl,
  DEFAULT_CAPABILITIES,
  DialectBase,
  type DialectCapabilities,
  type IntrospectOptions,
  type LockBusy,
  type LockHandle,
  type LockOptions,
  type LogColumnTypes,
  MigError,
  type OperationContext,
  probeSource,
  type QualifiedName,
  type Queryable,
  type SchemaSnapshot,
} from "@mig/core/dialect";
import type { ClientConfig } from "pg";
import { PostgresDdlCompiler } from "./postgres-ddl-compiler.js";
import { PostgresConnectionSource, sourceOf } from "./postgres-driver.js";
import { alterEnumOnline } from "./postgres-enum-alter.js";
import { introspect } from "./postgres-introspector.js";
import { inlinePostgresParams, postgresLiteral, stringLiteral } from "./postgres-literal.js";
import { tryAdvisoryLock, tryTableLock } from "./postgres-lock.js";
import { readPostgresType } from "./postgres-read-type.js";
import { snapshotDeclared } from "./postgres-snapshot-declared.js";
import { type PostgresLockMode, parsePostgresUrl } from "./postgres-url.js";
import { usePostgresSchema } from "./postgres-use-schema.js";

export interface PostgresDialectOptions {
  /**
   * How a run takes the migration lock. `"advisory"` (default): a session advisory lock
   * on the run's connection. `"table"`: a row lock held in a transaction on a second
   * session, for PgBouncer's transaction pooling and servers without advisory locks.
   * A `?lock=` parameter in the URL wins over this.
   */
  readonly lock?: PostgresLockMode;
  /** The lock table for `lock: "table"`; default `<version table>_lock` in its schema. */
  readonly lockTable?: string;
  /** pg client options that win over the URL's: a TLS `ssl.ca`, `statement_timeout`, `types`, ... */
  readonly driver?: Readonly<ClientConfig>;
}

/** PostgreSQL through pg: a queue pool, an advisory lock, and DDL inside transactions. */
export class PostgresDialect extends DialectBase<PostgresDdlCompiler> {
  readonly name = "postgres";
  readonly schemes: readonly string[] = ["postgres", "postgresql"];
  override readonly capabilities: DialectCapabilities = {
    ...DEFAULT_CAPABILITIES,
    transactionalDDL: true,
    supportsSchemas: true,
    alterColumn: "native",
    multipleConnections: true,
    comments: true,
    partialIndexes: true,
    expressionIndexes: true,
  };
  override readonly placeholder = "$n" as const;
  override readonly beginSql = "BEGIN";
  override readonly commitSql = "COMMIT";
  readonly options: PostgresDialectOptions;

  constructor(options: PostgresDialectOptions = {}) {
    super();
    this.options = options;
  }

  /** Opens the pool and one connection, so a wrong URL fails here, in one line. */
  async connect(url: DatabaseUrl, options: ConnectOptions): Promise<PostgresConnectionSource> {
    const config = parsePostgresUrl(url, { pool: options.pool, cwd: options.cwd });
    return probeSource(new PostgresConnectionSource(config, url, { driver: this.options.driver }));
  }

  /** Tables, views and the like named so in the schema (default: `current_schema()`). */
  async hasTable(connection: Connection, table: QualifiedName): Promise<boolean> {
    const rows = await connection.query<{ found: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM pg_catalog.pg_class c
           JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = COALESCE($1::text, current_schema())
            AND c.relname = $2::text
            AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
       ) AS found`,
      [table.schema ?? null, table.name],
    );
    return rows[0]?.found === true;
  }

  /** Schema-per-tenant: see postgres-use-schema.ts. */
  override useSchema(connection: Connection, schema: string): Promise<() => Promise<void>> {
    return usePostgresSchema(connection, schema, (name) => this.quoteIdentifier(name));
  }

  /** One try at the lock; `lock: "table"` needs a side session, so a connection of ours. */
  override tryAcquireLock(
    connection: Connection,
    options: LockOptions,
  ): Promise<LockHandle | LockBusy> {
    const source = sourceOf(connection);
    if ((source?.config.lock ?? this.options.lock ?? "advisory") === "advisory") {
      return tryAdvisoryLock(connection, options);
    }
    if (!source) {
      throw new MigError(
        "lock_unsupported",
        'The "table" migration lock needs a connection made by @mig/postgres.',
        {
          hint: 'Let mig connect (drop the connect hook), or use the default lock: postgres({ lock: "advisory" }).',
        },
      );
    }
    const lockTable = this.options.lockTable
      ? { schema: options.table.schema, name: this.options.lockTable }
      : undefined;
    return tryTableLock(source, options, lockTable);
  }

  /** alterEnum reads the type's values and the columns using it when it has a database. */
  override runOperation(operation: Operation, context: OperationContext): Promise<void> {
    if (operation.kind === "alterEnum" && !context.executor.offline) {
      return alterEnumOnline(this, operation, context);
    }
    return super.runOperation(operation, context);
  }

  protected override logColumnTypes(): LogColumnTypes {
    return { ...super.logColumnTypes(), timestamp: "TIMESTAMP WITH TIME ZONE" };
  }

  protected override createDdlCompiler(): PostgresDdlCompiler {
    return new PostgresDdlCompiler(this);
  }

  /** Tables, columns, constraints, indexes and enum types, read from pg_catalog. */
  override introspect(db: Queryable, options?: IntrospectOptions): Promise<SchemaSnapshot> {
    return introspect(db, options);
  }

  /** The declared tables as introspect reads them, built in scratch schemas rolled back after. */
  snapshotDeclared(
    connection: Connection,
    tables: readonly TableDefinition[],
  ): Promise<SchemaSnapshot> {
    return snapshotDeclared(this, this.ddl, connection, tables);
  }

  /** A catalog type as a portable one, when that compiles back to exactly this type. */
  readType(type: string): ColumnType | undefined {
    return readPostgresType(type);
  }

  override literal(value: unknown): string {
    return postgresLiteral(value, (v) => super.literal(v));
  }

  protected override stringLiteral(text: string): string {
    return stringLiteral(text);
  }

  inlineParams(sql: string, params: readonly unknown[]): string {
    return inlinePostgresParams(sql, params, (v) => this.literal(v));
  }
}

/** The factory mig's dialect loader calls. */
export function createDialect(options?: PostgresDialectOptions): PostgresDialect {
  return new PostgresDialect(options);
}

export const postgres = createDialect;
