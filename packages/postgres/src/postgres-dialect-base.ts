import type { ColumnType, Operation, TableDefinition } from "@mig/core";
import {
  type Connection,
  DEFAULT_CAPABILITIES,
  DialectBase,
  type DialectCapabilities,
  type IntrospectOptions,
  type LogColumnTypes,
  type OperationContext,
  OUTSIDE_TRANSACTION_FIX,
  type QualifiedName,
  type Queryable,
  type SchemaSnapshot,
  type VersionTableSql,
} from "@mig/core/dialect";
import { PostgresDdlCompiler } from "./postgres-ddl-compiler.js";
import { alterEnumOnline } from "./postgres-enum-alter.js";
import { introspect } from "./postgres-introspector.js";
import { inlinePostgresParams, postgresLiteral, stringLiteral } from "./postgres-literal.js";
import { readPostgresType } from "./postgres-read-type.js";
import { snapshotDeclared } from "./postgres-snapshot-declared.js";
import { usePostgresSchema } from "./postgres-use-schema.js";
import { expectOneRow } from "./postgres-version-table.js";

/** What PostgreSQL can do; a PostgreSQL engine with one connection spreads it and says so. */
export const POSTGRES_CAPABILITIES: DialectCapabilities = {
  ...DEFAULT_CAPABILITIES,
  transactionalDDL: true,
  supportsSchemas: true,
  alterColumn: "native",
  multipleConnections: true,
  comments: true,
  partialIndexes: true,
  expressionIndexes: true,
  createsSchemas: true,
};

/**
 * Everything PostgreSQL-shaped but the connection and the lock: DDL, catalog reads,
 * literals, enum changes, autogenerate's scratch schemas. PostgresDialect adds pg; a
 * dialect for another PostgreSQL engine (PGlite, a proxy's driver) extends this instead.
 */
export abstract class PostgresDialectBase extends DialectBase<PostgresDdlCompiler> {
  override readonly capabilities: DialectCapabilities = POSTGRES_CAPABILITIES;
  override readonly placeholder = "$n" as const;
  override readonly beginSql = "BEGIN";
  override readonly commitSql = "COMMIT";

  /**
   * "cannot run inside a transaction block" (SQLSTATE 25001): `transactional = false`. The
   * server ending the session (57P01-57P03: a restart, a failover, pg_terminate_backend) is
   * not the script's fault: run again.
   */
  fixFor(error: unknown): string | undefined {
    const code = (error as { code?: unknown } | null | undefined)?.code;
    if (code === "25001") return OUTSIDE_TRANSACTION_FIX;
    if (code === "57P01" || code === "57P02" || code === "57P03") {
      return "The server ended the connection (a restart, a failover or an administrator), not the script: run again once it is back.";
    }
    // The server's own HINT line, which the driver keeps apart from the message:
    // `USING description::integer` for a type it cannot cast by itself.
    const hint = (error as { hint?: unknown } | null | undefined)?.hint;
    if (typeof hint === "string" && hint.trim() !== "") {
      const said = hint.trim().replace(/\s*\n\s*/g, " ");
      return `PostgreSQL's hint: ${said}${/[.!?]$/.test(said) ? "" : "."} Fix the script and run again.`;
    }
    return undefined;
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

  /** alterEnum reads the type's values and the columns using it when it has a database. */
  override runOperation(operation: Operation, context: OperationContext): Promise<void> {
    if (operation.kind === "alterEnum" && !context.executor.offline) {
      return alterEnumOnline(this, operation, context);
    }
    return super.runOperation(operation, context);
  }

  /** The version change checked by the server, so it can ride with the step's COMMIT. */
  override get versionTable(): VersionTableSql {
    return {
      ...super.versionTable,
      expectOneRow: (sql, failure) => expectOneRow(sql, failure, (t) => this.literal(t)),
    };
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
