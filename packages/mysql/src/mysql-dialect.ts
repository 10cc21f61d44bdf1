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
  type LogTableSql,
  type OperationContext,
  probeSource,
  type QualifiedName,
  type Queryable,
  type SchemaSnapshot,
  type VersionTableSql,
} from "@mig/core/dialect";
import type { ConnectionOptions } from "mysql2";
import { MysqlDdlCompiler } from "./mysql-ddl-compiler.js";
import { MysqlConnectionSource } from "./mysql-driver.js";
import { noDatabaseSelected } from "./mysql-errors.js";
import { introspect } from "./mysql-introspector.js";
import { inlineMysqlParams, mysqlDateLiteral, mysqlStringLiteral } from "./mysql-literal.js";
import { tryMigrationLock } from "./mysql-lock-mode.js";
import { readMysqlType } from "./mysql-read-type.js";
import { runMysqlOperation } from "./mysql-run-operation.js";
import { snapshotDeclared } from "./mysql-scratch.js";
import { type MysqlLockMode, parseMysqlUrl } from "./mysql-url.js";
import { useMysqlSchema } from "./mysql-use-schema.js";

export interface MysqlDialectOptions {
  /**
   * Let one `execute` carry several statements, as a SQL migration section does.
   * Default true. Values passed as parameters are always escaped; only SQL text you
   * build by concatenation could smuggle in an extra statement.
   */
  readonly multipleStatements?: boolean;
  /** mysql2 options that win over the URL's: a TLS CA, `connectAttributes`, ... */
  readonly driver?: Readonly<ConnectionOptions>;
  /**
   * How a run takes the migration lock. `"auto"` (default): a row in a lock table on a
   * Galera node (GET_LOCK holds on one node only), GET_LOCK elsewhere. `"get_lock"` or
   * `"table"` force one. A `?lock=` parameter in the URL wins over this.
   */
  readonly lock?: MysqlLockMode;
  /** The lock table's name; default `<version table>_lock` in the version table's database. */
  readonly lockTable?: string;
  /** Seconds without a heartbeat after which another run may take over the lock row; default 60. */
  readonly lockStaleAfter?: number;
}

/** MySQL and MariaDB through mysql2: a queue pool, GET_LOCK, and DDL that commits by itself. */
export class MysqlDialect extends DialectBase<MysqlDdlCompiler> {
  readonly name = "mysql";
  readonly schemes: readonly string[] = ["mysql", "mariadb"];
  override readonly capabilities: DialectCapabilities = {
    ...DEFAULT_CAPABILITIES,
    // Every DDL statement commits the open transaction implicitly.
    transactionalDDL: false,
    // A schema is a database: `db`.`table`.
    supportsSchemas: true,
    alterColumn: "native",
    multipleConnections: true,
    comments: true,
    // MariaDB has neither; MySQL 8 has functional key parts but no partial indexes.
    partialIndexes: false,
    expressionIndexes: false,
    // InnoDB's default; NO ACTION written out is read back as NO ACTION.
    defaultReferentialAction: "restrict",
  };
  override readonly placeholder = "?" as const;
  override readonly beginSql = "START TRANSACTION";
  override readonly commitSql = "COMMIT";
  readonly #options: MysqlDialectOptions;

  constructor(options: MysqlDialectOptions = {}) {
    super();
    this.#options = options;
  }

  protected override createDdlCompiler(): MysqlDdlCompiler {
    return new MysqlDdlCompiler(this);
  }

  /** Reads what MODIFY and constraint drops need when the operation does not say it. */
  override runOperation(operation: Operation, context: OperationContext): Promise<void> {
    return runMysqlOperation(this.ddl, operation, context);
  }

  override introspect(db: Queryable, options?: IntrospectOptions): Promise<SchemaSnapshot> {
    return introspect(db, options);
  }

  /** Creates the tables in scratch databases (`mig_scratch_...`), reads them, drops them. */
  snapshotDeclared(
    connection: Connection,
    tables: readonly TableDefinition[],
  ): Promise<SchemaSnapshot> {
    return snapshotDeclared(this.ddl, connection, tables);
  }

  readType(type: string): ColumnType | undefined {
    return readMysqlType(type);
  }

  /** Offline output renders values exactly as online runs send them (backslash escapes included). */
  inlineParams(sql: string, params: readonly unknown[]): string {
    return inlineMysqlParams(sql, params, (v) => this.literal(v));
  }

  /** Opens the pool and one connection, so a wrong URL fails here in one line. */
  async connect(url: DatabaseUrl, options: ConnectOptions): Promise<MysqlConnectionSource> {
    return probeSource(
      new MysqlConnectionSource(parseMysqlUrl(url, options.pool), url, {
        render: (sql, params) => inlineMysqlParams(sql, params, (v) => this.literal(v)),
        multipleStatements: this.#options.multipleStatements ?? true,
        driver: this.#options.driver,
      }),
    );
  }

  async hasTable(connection: Connection, table: QualifiedName): Promise<boolean> {
    const rows = await connection.query<{ db: string | null; found: number | string }>(
      "SELECT COALESCE(?, DATABASE()) AS db, EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = COALESCE(?, DATABASE()) AND table_name = ?) AS found",
      [table.schema ?? null, table.schema ?? null, table.name],
    );
    // A URL without a database: the table could be nowhere, and creating it fails later.
    if (rows[0]?.db == null) throw noDatabaseSelected(table.name);
    return Number(rows[0].found) === 1;
  }

  override tryAcquireLock(
    connection: Connection,
    options: LockOptions,
  ): Promise<LockHandle | LockBusy> {
    return tryMigrationLock(connection, options, this.#options);
  }

  protected override customLockTable(): string | undefined {
    return this.#options.lockTable;
  }

  override quoteIdentifier(name: string): string {
    return `\`${name.replaceAll("`", "``")}\``;
  }

  /** Schema-per-tenant: see mysql-use-schema.ts. */
  override useSchema(connection: Connection, schema: string): Promise<() => Promise<void>> {
    return useMysqlSchema(connection, schema, (name) => this.quoteIdentifier(name));
  }

  override literal(value: unknown): string {
    if (value instanceof Date) return mysqlDateLiteral(value);
    return super.literal(value);
  }

  protected override stringLiteral(text: string): string {
    return mysqlStringLiteral(text);
  }

  override get versionTable(): VersionTableSql {
    const base = super.versionTable;
    return { ...base, create: (t) => `${base.create(t)} ENGINE=InnoDB` };
  }

  override get logTable(): LogTableSql {
    const base = super.logTable;
    return { ...base, create: (t) => `${base.create(t)} ENGINE=InnoDB` };
  }

  // DATETIME(3) holds UTC (the driver reads and writes it with timezone "Z").
  protected override logColumnTypes(): LogColumnTypes {
    return {
      id: "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY",
      timestamp: "DATETIME(3)",
      boolean: "BOOLEAN",
      text: "TEXT",
      now: "UTC_TIMESTAMP(3)",
      // MySQL refuses a subquery on the table an UPDATE changes (ER_UPDATE_TABLE_USED).
      finishNewest: "limit",
    };
  }

  protected override currentUserSql(): string {
    return "CURRENT_USER()";
  }
}

/** The factory mig's dialect loader calls. */
export function createDialect(options?: MysqlDialectOptions): MysqlDialect {
  return new MysqlDialect(options);
}

export const mysql = createDialect;
