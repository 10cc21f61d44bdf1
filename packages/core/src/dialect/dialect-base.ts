import type { Connection, ConnectionSource, Queryable } from "../connection/connection.js";
import type { DatabaseUrl } from "../connection/database-url.js";
import type { QualifiedName } from "../connection/qualified-name.js";
import { MigError } from "../errors/mig-error.js";
import type { Operation } from "../operations/operation.js";
import type { IntrospectOptions, SchemaSnapshot } from "../schema/schema-snapshot.js";
import type { DdlCompiler } from "./ddl-compiler.js";
import { DdlCompilerBase } from "./ddl-compiler-base.js";
import type {
  ConnectOptions,
  Dialect,
  LockBusy,
  LockHandle,
  LockOptions,
  OfflineTransactionFrame,
  OperationContext,
  VersionTableSql,
} from "./dialect.js";
import { DEFAULT_CAPABILITIES, type DialectCapabilities } from "./dialect-capabilities.js";
import { type LogColumnTypes, type LogTableSql, logTableSql } from "./log-table-sql.js";

/**
 * Safe defaults for a dialect: ANSI quoting and literals, version-table statements built
 * from them, no lock. A dialect overrides what its database does differently. `C` is the
 * type of its DDL compiler, which `createDdlCompiler()` makes.
 */
export abstract class DialectBase<C extends DdlCompiler = DdlCompiler> implements Dialect {
  abstract readonly name: string;
  abstract readonly schemes: readonly string[];
  readonly capabilities: DialectCapabilities = DEFAULT_CAPABILITIES;
  readonly placeholder: "?" | "$n" = "?";
  readonly beginSql: string = "BEGIN";
  readonly commitSql: string = "COMMIT";
  /** None by default (see Dialect.offlineTransactionFrame). */
  readonly offlineTransactionFrame: OfflineTransactionFrame | undefined = undefined;

  abstract connect(url: DatabaseUrl, options: ConnectOptions): Promise<ConnectionSource>;
  abstract hasTable(connection: Connection, table: QualifiedName): Promise<boolean>;

  /** No lock by default; every dialect that can lock should. */
  async tryAcquireLock(
    _connection: Connection,
    _options: LockOptions,
  ): Promise<LockHandle | LockBusy> {
    return { release: async () => {} };
  }

  /** No schemas by default: a fleet target on this database needs its own URL instead. */
  async useSchema(_connection: Connection, schema: string): Promise<() => Promise<void>> {
    throw new MigError(
      "schema_targets_unsupported",
      `The ${this.name} dialect cannot put a target in a schema ('${schema}'): it has no schemas.`,
      { usage: true, hint: "Give each target its own database URL instead of a `schema`." },
    );
  }

  #ddl: C | undefined;

  /** The dialect's compiler, made once on first use by `createDdlCompiler()`. */
  get ddl(): C {
    this.#ddl ??= this.createDdlCompiler();
    return this.#ddl;
  }

  /**
   * The one hook for a dialect's own DDL: return `new MyDdlCompiler(this)`. Standard SQL by
   * default (a dialect that keeps it leaves `C` at its default).
   */
  protected createDdlCompiler(): C {
    return new DdlCompilerBase(this) as DdlCompiler as C;
  }

  async runOperation(operation: Operation, context: OperationContext): Promise<void> {
    for (const statement of this.ddl.compile(operation)) {
      await context.executor.execute(statement.sql, statement.params);
    }
  }

  async introspect(_db: Queryable, _options?: IntrospectOptions): Promise<SchemaSnapshot> {
    throw new MigError(
      "introspect_unsupported",
      `The ${this.name} dialect cannot read a database's schema.`,
      { hint: "Upgrade the dialect package, or ask its authors for introspect()." },
    );
  }

  quoteIdentifier(name: string): string {
    return name.includes('"') ? `"${name.replaceAll('"', '""')}"` : `"${name}"`;
  }

  qualify(table: QualifiedName): string {
    const name = this.quoteIdentifier(table.name);
    return table.schema ? `${this.quoteIdentifier(table.schema)}.${name}` : name;
  }

  literal(value: unknown): string {
    // Strings first: ids and checksums, several in every step of a run.
    if (typeof value === "string") return this.stringLiteral(value);
    if (value === null || value === undefined) return "NULL";
    if (typeof value === "number") {
      if (!Number.isFinite(value)) throw new TypeError(`Cannot render ${value} as a SQL literal`);
      return String(value);
    }
    if (typeof value === "bigint") return value.toString();
    if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
    if (value instanceof Date) return this.stringLiteral(value.toISOString());
    if (value instanceof Uint8Array) return `X'${Buffer.from(value).toString("hex")}'`;
    if (typeof value === "object") return this.stringLiteral(JSON.stringify(value));
    return this.stringLiteral(String(value));
  }

  protected stringLiteral(text: string): string {
    // Most texts hold no quote: found by a scan, not a replacement that builds a copy.
    return text.includes("'") ? `'${text.replaceAll("'", "''")}'` : `'${text}'`;
  }

  get versionTable(): VersionTableSql {
    const column = this.quoteIdentifier("version_num");
    return {
      create: (t) =>
        `CREATE TABLE ${this.qualify(t)} (${column} VARCHAR(32) NOT NULL, CONSTRAINT ${this.quoteIdentifier(`${t.name}_pkc`)} PRIMARY KEY (${column}))`,
      select: (t) => `SELECT ${column} FROM ${this.qualify(t)}`,
      insert: (t, rev) =>
        `INSERT INTO ${this.qualify(t)} (${column}) VALUES (${this.literal(rev)})`,
      delete: (t, rev) => `DELETE FROM ${this.qualify(t)} WHERE ${column} = ${this.literal(rev)}`,
      update: (t, from, to) =>
        `UPDATE ${this.qualify(t)} SET ${column} = ${this.literal(to)} WHERE ${column} = ${this.literal(from)}`,
      updateBound: (t) =>
        `UPDATE ${this.qualify(t)} SET ${column} = ${this.placeholder === "$n" ? "$1" : "?"} WHERE ${column} = ${this.placeholder === "$n" ? "$2" : "?"}`,
    };
  }

  lockTables(versionTable: QualifiedName): readonly QualifiedName[] {
    const custom = this.customLockTable();
    const names = [`${versionTable.name}_lock`, ...(custom ? [custom] : [])];
    return names.map((name) => ({ ...versionTable, name }));
  }

  /** The lock table's name when the user chose one (a `lockTable` option), else undefined. */
  protected customLockTable(): string | undefined {
    return undefined;
  }

  /** The applied log's statements, from `logColumnTypes()` and `currentUserSql()`. */
  get logTable(): LogTableSql {
    return logTableSql(this, this.logColumnTypes(), this.currentUserSql());
  }

  /** Standard SQL; a dialect overrides what its database spells otherwise. */
  protected logColumnTypes(): LogColumnTypes {
    return {
      id: "INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
      timestamp: "TIMESTAMP",
      boolean: "BOOLEAN",
      text: "TEXT",
      now: "CURRENT_TIMESTAMP",
    };
  }

  /** The session's database user as an SQL expression, for the log's `db_user`. */
  protected currentUserSql(): string {
    return "CURRENT_USER";
  }
}
