import type {
  ColumnDefinition,
  ColumnType,
  DefaultValue,
  IndexDefinition,
  IndexKey,
  Operation,
  SqlExpression,
  Statement,
  TableDefinition,
} from "@mig/core";
import {
  DdlCompilerBase,
  indexKey,
  isSqlExpression,
  MigError,
  normalizeType,
  type QualifiedName,
  refuseDetails,
  type TableDetail,
} from "@mig/core/dialect";
import { copyReason } from "./sqlite-copy-plan.js";

type Of<K extends Operation["kind"]> = Extract<Operation, { kind: K }>;

const INTEGER_KINDS = new Set(["smallint", "integer", "bigint"]);
/** SQLite's index keys have no NULLS FIRST/LAST, its uniques no NULLS NOT DISTINCT. */
const DETAILS = new Set<TableDetail>(["deferrable"]);
/**
 * Defaults SQLite takes without parentheses: a word (`CURRENT_TIMESTAMP`, `NULL`, `TRUE`),
 * a signed number, a string or blob literal. SQLite stores these as written, so a table
 * read back and copied keeps the spelling it was created with.
 */
const BARE_DEFAULTS = [
  /^\w+$/,
  /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i,
  /^[+-]?0x[0-9a-f]+$/i,
  /^'([^']|'')*'$/,
  /^x'[0-9a-f]*'$/i,
];

/** Whether SQLite takes the (trimmed) default as written: see BARE_DEFAULTS. */
export function isBareDefault(text: string): boolean {
  return BARE_DEFAULTS.some((re) => re.test(text));
}

/**
 * SQLite DDL, with SQLAlchemy's type spellings. Comments are not stored, so comment
 * operations and fields compile to nothing. Operations SQLite's ALTER TABLE cannot do
 * (a column's type, a constraint) are done by copying the table: `SqliteDialect`
 * sends them to the batch copy, and compiling one on its own is an error.
 */
export class SqliteDdlCompiler extends DdlCompilerBase {
  override compile(op: Operation): Statement[] {
    const reason = copyReason(op, undefined);
    if (reason !== undefined) {
      throw new MigError(
        "sqlite_needs_copy",
        `SQLite cannot ${reason} with ALTER TABLE; it needs a copy of the table.`,
        { hint: "Run the operation through the dialect (op.* or dialect.runOperation)." },
      );
    }
    return super.compile(op);
  }

  override columnType(type: ColumnType): string {
    const t = normalizeType(type);
    switch (t.kind) {
      case "double":
        return "DOUBLE";
      case "time":
        return "TIME";
      case "timestamp":
        return "DATETIME";
      default:
        return super.columnType(type);
    }
  }

  /** Literals as written; any other expression in parentheses, as SQLite requires. */
  protected override defaultSql(value: DefaultValue): string {
    if (!isSqlExpression(value)) return super.defaultSql(value);
    const text = value.text.trim();
    return isBareDefault(text) ? text : `(${text})`;
  }

  /** AUTOINCREMENT only exists as `INTEGER PRIMARY KEY AUTOINCREMENT`, inline. */
  protected override columnDefinition(column: ColumnDefinition, table?: TableDefinition): string {
    if (!column.autoincrement) return this.#plainColumn(column, this.columnType(column.type));
    const pk = table?.primaryKey;
    if (pk?.columns.length !== 1 || pk.columns[0] !== column.name) {
      throw new MigError(
        "sqlite_autoincrement",
        `SQLite can only autoincrement a table's single-column primary key; "${column.name}" is not one.`,
        { hint: "Make it the table's only primary-key column, or drop autoincrement." },
      );
    }
    const key = `${this.constraintName(pk.name)}PRIMARY KEY AUTOINCREMENT`;
    return this.#plainColumn(column, this.#integerType(column), key);
  }

  protected override tableConstraints(def: TableDefinition): string[] {
    refuseDetails(
      "SQLite",
      def.table,
      { uniques: def.uniques, foreignKeys: def.foreignKeys },
      DETAILS,
    );
    const inline = def.columns.some((c) => c.autoincrement);
    return super.tableConstraints(inline ? { ...def, primaryKey: undefined } : def);
  }

  protected override tableComments(): Statement[] {
    return [];
  }

  protected override addColumn(op: Of<"addColumn">): Statement[] {
    const column = this.columnDefinition(op.column);
    return [this.plain(`ALTER TABLE ${this.table(op.table)} ADD COLUMN ${column}`)];
  }

  /** Only a rename gets here (see copyReason); a comment change does nothing. */
  protected override alterColumn(op: Of<"alterColumn">): Statement[] {
    if (op.changes.newName === undefined) return [];
    return [
      this.plain(
        `ALTER TABLE ${this.table(op.table)} RENAME COLUMN ${this.id(op.column)} TO ${this.id(op.changes.newName)}`,
      ),
    ];
  }

  protected override setTableComment(): Statement[] {
    return [];
  }

  protected override createIndexSql(table: QualifiedName, index: IndexDefinition): string {
    refuseDetails("SQLite", table, { indexes: [index] }, DETAILS);
    // SQLite has no CONCURRENTLY: an index is built inside the writer's lock anyway.
    return super.createIndexSql(table, index, false);
  }

  protected override dropIndex(op: Of<"dropIndex">): Statement[] {
    return super.dropIndex({ ...op, concurrently: false });
  }

  /** `WITHOUT ROWID`, `STRICT` (SQLite separates table options with commas). */
  protected override tableOptions(def: TableDefinition): string {
    const words = [def.withoutRowid ? "WITHOUT ROWID" : "", def.strict ? "STRICT" : ""];
    const written = words.filter(Boolean).join(", ");
    return written ? ` ${written}` : "";
  }

  /** The CREATE TABLE statement alone, for a copy that creates its indexes after the rename. */
  createTableSql(def: TableDefinition): Statement[] {
    return this.createTable({ kind: "createTable", definition: { ...def, indexes: [] } });
  }

  /** `CREATE INDEX` statements for a table's indexes. */
  createIndexes(def: TableDefinition): Statement[] {
    return def.indexes.map((i) => this.plain(this.createIndexSql(def.table, i)));
  }

  /**
   * An index key, its collation written as a name SQLite knows (`COLLATE NOCASE`). Operator
   * classes and prefix lengths (PostgreSQL's, MySQL's) have no SQLite form: left out.
   */
  protected override indexKeySql(key: string | SqlExpression | IndexKey): string {
    const k = indexKey(key);
    const parts = [isSqlExpression(k.column) ? `(${k.column.text})` : this.id(k.column)];
    if (k.collation !== undefined) parts.push(this.#collate(k.collation));
    if (k.descending) parts.push("DESC");
    return parts.join(" ");
  }

  #plainColumn(column: ColumnDefinition, type: string, key?: string): string {
    const parts = [this.id(column.name), type];
    if (key !== undefined) parts.push(key);
    if (column.collation !== undefined) parts.push(this.#collate(column.collation));
    if (column.generated) parts.push(this.generatedSql(column.generated));
    if (column.default !== undefined) parts.push(`DEFAULT ${this.defaultSql(column.default)}`);
    if (!column.nullable) parts.push("NOT NULL");
    return parts.filter((p) => p !== "").join(" ");
  }

  #collate(name: string): string {
    return `COLLATE ${/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : this.id(name)}`;
  }

  #integerType(column: ColumnDefinition): string {
    const t = normalizeType(column.type);
    if (INTEGER_KINDS.has(t.kind)) return "INTEGER";
    if (t.kind === "raw" && /^\s*integer\s*$/i.test(t.sql)) return t.sql.trim();
    throw new MigError(
      "sqlite_autoincrement",
      `SQLite can only autoincrement an INTEGER column; "${column.name}" is ${this.columnType(column.type)}.`,
      { hint: "Give the column an integer type." },
    );
  }
}
