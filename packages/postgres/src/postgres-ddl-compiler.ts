import {
  type ColumnDefinition,
  type ColumnType,
  normalizeType,
  type Operation,
  type Statement,
  type TableDefinition,
} from "@mig/core";
import { DdlCompilerBase, MigError, type QualifiedName } from "@mig/core/dialect";
import { alterEnumOffline } from "./postgres-enum-alter.js";
import { createEnumSql, dropEnumIfUnusedSql } from "./postgres-enum-ddl.js";

type Of<K extends Operation["kind"]> = Extract<Operation, { kind: K }>;
type EnumType = Extract<ColumnType, { kind: "enum" }>;

/** The serial pseudo-type for an integer type, as the compiled type spells it. */
const SERIAL: Readonly<Record<string, string>> = {
  SMALLINT: "SMALLSERIAL",
  INT2: "SMALLSERIAL",
  INTEGER: "SERIAL",
  INT: "SERIAL",
  INT4: "SERIAL",
  BIGINT: "BIGSERIAL",
  INT8: "BIGSERIAL",
};

/**
 * PostgreSQL DDL: native types (jsonb, uuid, bytea), serial and identity columns, stored
 * generated columns, and named enum
 * types created before the columns that use them and dropped after the last one goes.
 * An enum type lives in its table's schema (the search path's first schema when the
 * table names none).
 */
export class PostgresDdlCompiler extends DdlCompilerBase {
  override compile(op: Operation): Statement[] {
    switch (op.kind) {
      case "dropTable":
        return [
          ...super.compile(op),
          ...this.#dropUnusedEnums(op.existing?.columns.map((c) => c.type) ?? [], op.table),
        ];
      case "dropColumn":
        return [
          ...super.compile(op),
          ...this.#dropUnusedEnums(op.existing ? [op.existing.type] : [], op.table),
        ];
      default:
        return super.compile(op);
    }
  }

  /** The type as written in a table without a schema; see `#spell` for the general case. */
  override columnType(type: ColumnType): string {
    return this.#spell(type, undefined);
  }

  protected override createTable(op: Of<"createTable">): Statement[] {
    const def = op.definition;
    const columns = def.columns.map((c) => this.#resolved(c, def.table));
    return [
      ...this.#createEnums(
        def.columns.map((c) => c.type),
        def.table,
      ),
      ...super.createTable({ ...op, definition: { ...def, columns } }),
    ];
  }

  protected override addColumn(op: Of<"addColumn">): Statement[] {
    return [
      ...this.#createEnums([op.column.type], op.table),
      ...super.addColumn({ ...op, column: this.#resolved(op.column, op.table) }),
    ];
  }

  protected override alterColumn(op: Of<"alterColumn">): Statement[] {
    const next = op.changes.type;
    if (next === undefined) return super.alterColumn(op);
    const type: ColumnType = { kind: "raw", sql: this.#spell(next, op.table.schema) };
    const before = op.existing?.type;
    // An old enum type goes once its last column has moved off it, so reversing a change
    // to an enum leaves the schema as it was.
    const replaced = before !== undefined && enumOf(before)?.name !== enumOf(next)?.name;
    // TYPE casts the old default to the new type, which often fails (text to an enum);
    // when the default changes too, it goes first and the new one is set after TYPE.
    const dropFirst = op.changes.default !== undefined;
    const changes = { ...op.changes, type, default: op.changes.default ?? undefined };
    const dropDefault = `ALTER TABLE ${this.table(op.table)} ALTER COLUMN ${this.id(op.column)} DROP DEFAULT`;
    return [
      ...this.#createEnums([next], op.table),
      ...(dropFirst ? [this.plain(dropDefault)] : []),
      ...super.alterColumn({ ...op, changes }),
      ...(replaced ? this.#dropUnusedEnums([before], op.table) : []),
    ];
  }

  /**
   * `autoincrement` alone is a serial column (what `pull` reads back from one); with
   * `identity` it is `GENERATED ... AS IDENTITY`. Generated columns are STORED only.
   */
  protected override columnDefinition(column: ColumnDefinition, table?: TableDefinition): string {
    if (column.generated && !column.generated.stored) {
      throw new MigError(
        "unsupported_column",
        `Column "${column.name}": PostgreSQL has only STORED generated columns (VIRTUAL came in PostgreSQL 18).`,
        { hint: "Declare generated: { expression, stored: true }." },
      );
    }
    if (column.autoincrement && column.identity === undefined && !column.generated) {
      const serial = SERIAL[this.columnType(column.type).trim().toUpperCase()];
      if (serial !== undefined) {
        const type: ColumnType = { kind: "raw", sql: serial };
        return super.columnDefinition({ ...column, type, autoincrement: false }, table);
      }
    }
    return super.columnDefinition(column, table);
  }

  protected override schemaStatement(op: Of<"createSchema" | "dropSchema">): Statement[] {
    // No CASCADE: a schema that still holds anything stays, and the drop says why.
    const sql =
      op.kind === "createSchema"
        ? `CREATE SCHEMA IF NOT EXISTS ${this.id(op.name)}`
        : `DROP SCHEMA IF EXISTS ${this.id(op.name)}`;
    return [{ sql }];
  }

  protected override alterEnum(op: Of<"alterEnum">): Statement[] {
    return alterEnumOffline(this.sql, op);
  }

  /** The type's SQL; an enum is its type's name, qualified with the table's schema. */
  #spell(type: ColumnType, schema: string | undefined): string {
    const t = normalizeType(type);
    switch (t.kind) {
      case "json":
        return "JSON";
      case "jsonb":
        return "JSONB";
      case "uuid":
        return "UUID";
      case "blob":
        return "BYTEA";
      case "enum":
        return this.table(enumName(t, schema));
      default:
        return super.columnType(type);
    }
  }

  /**
   * The column with its type spelled out: the base class's `columnType` cannot see the
   * table's schema, which an enum type's name needs.
   */
  #resolved(column: ColumnDefinition, table: QualifiedName): ColumnDefinition {
    if (enumOf(column.type) === undefined) return column;
    return { ...column, type: { kind: "raw", sql: this.#spell(column.type, table.schema) } };
  }

  #createEnums(types: readonly ColumnType[], table: QualifiedName): Statement[] {
    return distinctEnums(types).map((e) =>
      this.plain(createEnumSql(this.sql, enumName(e, table.schema), e.values)),
    );
  }

  #dropUnusedEnums(types: readonly ColumnType[], table: QualifiedName): Statement[] {
    return distinctEnums(types).map((e) =>
      this.plain(dropEnumIfUnusedSql(this.sql, enumName(e, table.schema))),
    );
  }
}

function enumOf(type: ColumnType): EnumType | undefined {
  const t = normalizeType(type);
  return t.kind === "enum" ? t : undefined;
}

function distinctEnums(types: readonly ColumnType[]): EnumType[] {
  const byName = new Map<string, EnumType>();
  for (const type of types) {
    const e = enumOf(type);
    if (e && !byName.has(e.name)) byName.set(e.name, e);
  }
  return [...byName.values()];
}

function enumName(type: EnumType, schema: string | undefined): QualifiedName {
  return schema === undefined ? { name: type.name } : { name: type.name, schema };
}
