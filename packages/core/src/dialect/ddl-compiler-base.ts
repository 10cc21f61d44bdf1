import type { QualifiedName } from "../connection/qualified-name.js";
import type { ColumnType } from "../operations/column-type.js";
import type { Operation, Statement } from "../operations/operation.js";
import { isSqlExpression } from "../operations/sql-expression.js";
import type {
  ColumnDefinition,
  DefaultValue,
  GeneratedColumn,
  IndexDefinition,
  TableDefinition,
} from "../operations/table-definition.js";
import { bulkInsertStatements } from "./bulk-insert.js";
import { DdlClauses } from "./ddl-clauses.js";
import type { DdlCompiler } from "./ddl-compiler.js";
import {
  noEnumTypesError,
  noSchemaDdlError,
  refuseSqliteOptions,
  tableCollationError,
} from "./dialect-errors.js";
import { standardColumnType } from "./standard-column-type.js";

type Of<K extends Operation["kind"]> = Extract<Operation, { kind: K }>;

/**
 * Standard SQL DDL, close to what PostgreSQL accepts. A dialect subclasses it and
 * overrides the pieces its database spells differently.
 */
export class DdlCompilerBase extends DdlClauses implements DdlCompiler {
  compile(op: Operation): Statement[] {
    switch (op.kind) {
      case "createTable":
        return this.createTable(op);
      case "dropTable":
        return [this.plain(`DROP TABLE ${this.table(op.table)}`)];
      case "renameTable":
        return [this.plain(`ALTER TABLE ${this.table(op.table)} RENAME TO ${this.id(op.newName)}`)];
      case "addColumn":
        return this.addColumn(op);
      case "dropColumn":
        return [
          this.plain(`ALTER TABLE ${this.table(op.table)} DROP COLUMN ${this.id(op.column)}`),
        ];
      case "alterColumn":
        return this.alterColumn(op);
      case "createIndex":
        return [this.plain(this.createIndexSql(op.table, op.index, op.concurrently))];
      case "dropIndex":
        return this.dropIndex(op);
      case "createPrimaryKey":
        return [this.addConstraint(op.table, this.primaryKeyClause(op.constraint))];
      case "createForeignKey":
        return [this.addConstraint(op.table, this.foreignKeyClause(op.constraint))];
      case "createUniqueConstraint":
        return [this.addConstraint(op.table, this.uniqueClause(op.constraint))];
      case "createCheckConstraint":
        return [this.addConstraint(op.table, this.checkClause(op.constraint))];
      case "dropConstraint":
        return this.dropConstraint(op);
      case "setTableComment":
        return this.setTableComment(op);
      case "alterEnum":
        return this.alterEnum(op);
      case "createSchema":
      case "dropSchema":
        return this.schemaStatement(op);
      case "execute":
        return [{ sql: op.sql, params: op.params }];
      case "bulkInsert":
        return bulkInsertStatements(this.sql, op.table, op.rows);
      case "batch":
        return op.operations.flatMap((inner) => this.compile(inner));
    }
  }

  // Types and values

  columnType(type: ColumnType): string {
    return standardColumnType(type);
  }

  /** A server default as SQL: a literal, or an expression as written. */
  protected defaultSql(value: DefaultValue): string {
    return isSqlExpression(value) ? value.text : this.sql.literal(value);
  }

  // Tables and columns

  protected createTable(op: Of<"createTable">): Statement[] {
    const def = op.definition;
    if (def.collation !== undefined) throw tableCollationError(def.table.name);
    const body = [
      ...def.columns.map((c) => this.columnDefinition(c, def)),
      ...this.tableConstraints(def),
    ];
    const create = `CREATE TABLE ${this.table(def.table)} (\n  ${body.join(",\n  ")}\n)`;
    return [
      this.plain(create + this.tableOptions(def)),
      ...this.tableComments(def),
      ...def.indexes.map((i) => this.plain(this.createIndexSql(def.table, i))),
    ];
  }

  /** After CREATE TABLE's column list: nothing; SQLite's compiler writes `WITHOUT ROWID`. */
  protected tableOptions(def: TableDefinition): string {
    refuseSqliteOptions(def);
    return "";
  }

  protected tableConstraints(def: TableDefinition): string[] {
    return [
      ...(def.primaryKey ? [this.primaryKeyClause(def.primaryKey)] : []),
      ...def.uniques.map((u) => this.uniqueClause(u)),
      ...def.foreignKeys.map((fk) => this.foreignKeyClause(fk)),
      ...def.checks.map((c) => this.checkClause(c)),
    ];
  }

  /** `COMMENT ON` statements after CREATE TABLE; MySQL writes comments inline instead. */
  protected tableComments(def: TableDefinition): Statement[] {
    const out: Statement[] = [];
    if (def.comment !== undefined) {
      out.push(
        this.plain(`COMMENT ON TABLE ${this.table(def.table)} IS ${this.sql.literal(def.comment)}`),
      );
    }
    for (const column of def.columns) {
      if (column.comment !== undefined)
        out.push(this.columnComment(def.table, column.name, column.comment));
    }
    return out;
  }

  protected columnComment(table: QualifiedName, column: string, comment: string | null): Statement {
    return this.plain(
      `COMMENT ON COLUMN ${this.table(table)}.${this.id(column)} IS ${this.sql.literal(comment)}`,
    );
  }

  /** `"name" TYPE [DEFAULT x] [NOT NULL]`; the table is there for dialects that need it. */
  protected columnDefinition(column: ColumnDefinition, _table?: TableDefinition): string {
    const parts = [this.id(column.name), this.columnType(column.type)];
    if (column.collation !== undefined) parts.push(`COLLATE ${this.id(column.collation)}`);
    if (column.generated) parts.push(this.generatedSql(column.generated));
    else if (column.autoincrement)
      parts.push(`GENERATED ${column.identity === "always" ? "ALWAYS" : "BY DEFAULT"} AS IDENTITY`);
    if (column.default !== undefined) parts.push(`DEFAULT ${this.defaultSql(column.default)}`);
    if (!column.nullable) parts.push("NOT NULL");
    return parts.join(" ");
  }

  protected generatedSql(generated: GeneratedColumn): string {
    return `GENERATED ALWAYS AS (${generated.expression}) ${generated.stored ? "STORED" : "VIRTUAL"}`;
  }

  protected addColumn(op: Of<"addColumn">): Statement[] {
    const table = this.table(op.table);
    const statements = [
      this.plain(`ALTER TABLE ${table} ADD COLUMN ${this.columnDefinition(op.column)}`),
    ];
    if (op.column.comment !== undefined) {
      statements.push(this.columnComment(op.table, op.column.name, op.column.comment));
    }
    return statements;
  }

  protected alterColumn(op: Of<"alterColumn">): Statement[] {
    const table = this.table(op.table);
    const column = this.id(op.column);
    const alter = (clause: string) =>
      this.plain(`ALTER TABLE ${table} ALTER COLUMN ${column} ${clause}`);
    const { changes } = op;
    const out: Statement[] = [];
    if (changes.type !== undefined) {
      const using = changes.using === undefined ? "" : ` USING ${changes.using}`;
      out.push(alter(`TYPE ${this.columnType(changes.type)}${using}`));
    }
    if (changes.nullable !== undefined)
      out.push(alter(changes.nullable ? "DROP NOT NULL" : "SET NOT NULL"));
    if (changes.default !== undefined) {
      out.push(
        alter(
          changes.default === null
            ? "DROP DEFAULT"
            : `SET DEFAULT ${this.defaultSql(changes.default)}`,
        ),
      );
    }
    if (changes.comment !== undefined)
      out.push(this.columnComment(op.table, op.column, changes.comment));
    if (changes.newName !== undefined) {
      out.push(
        this.plain(`ALTER TABLE ${table} RENAME COLUMN ${column} TO ${this.id(changes.newName)}`),
      );
    }
    return out;
  }

  /** Named enum types are PostgreSQL's; elsewhere an enum lives in its columns' types. */
  protected alterEnum(op: Of<"alterEnum">): Statement[] {
    throw noEnumTypesError(op.name);
  }

  /** Where a schema is something DDL makes and drops (PostgreSQL), the dialect says how. */
  protected schemaStatement(op: Of<"createSchema" | "dropSchema">): Statement[] {
    throw noSchemaDdlError(op.kind, op.name);
  }

  protected setTableComment(op: Of<"setTableComment">): Statement[] {
    return [
      this.plain(`COMMENT ON TABLE ${this.table(op.table)} IS ${this.sql.literal(op.comment)}`),
    ];
  }

  // Indexes and constraints

  protected createIndexSql(
    table: QualifiedName,
    index: IndexDefinition,
    concurrently = false,
  ): string {
    const unique = index.unique ? "UNIQUE " : "";
    const how = concurrently ? "CONCURRENTLY " : "";
    const using = index.method === undefined ? "" : ` USING ${index.method}`;
    const keys = index.columns.map((k) => this.indexKeySql(k)).join(", ");
    const include = index.include?.length ? ` INCLUDE (${this.columnList(index.include)})` : "";
    const nulls = index.nullsNotDistinct ? " NULLS NOT DISTINCT" : "";
    const where = index.where === undefined ? "" : ` WHERE ${index.where}`;
    return `CREATE ${unique}INDEX ${how}${this.id(index.name)} ON ${this.table(table)}${using} (${keys})${include}${nulls}${where}`;
  }

  protected dropIndex(op: Of<"dropIndex">): Statement[] {
    const how = op.concurrently ? "CONCURRENTLY " : "";
    const name = this.table({ name: op.name, schema: op.table?.schema });
    return [this.plain(`DROP INDEX ${how}${name}`)];
  }

  protected addConstraint(table: QualifiedName, clause: string): Statement {
    return this.plain(`ALTER TABLE ${this.table(table)} ADD ${clause}`);
  }

  protected dropConstraint(op: Of<"dropConstraint">): Statement[] {
    return [this.plain(`ALTER TABLE ${this.table(op.table)} DROP CONSTRAINT ${this.id(op.name)}`)];
  }
}
