import {
  type ColumnDefinition,
  type ColumnType,
  type DefaultValue,
  type ForeignKeyDefinition,
  type IndexDefinition,
  type IndexKey,
  indexKey,
  isSqlExpression,
  type Operation,
  type PrimaryKeyDefinition,
  type Statement,
  type TableDefinition,
} from "@mig/core";
import { DdlCompilerBase, type QualifiedName, refuseDetails } from "@mig/core/dialect";
import { mysqlColumnType, mysqlDefaultExpression } from "./mysql-column-type.js";
import {
  alterNeedsExistingError,
  dropConstraintNeedsTypeError,
  dropIndexNeedsTableError,
  identityAlwaysError,
  invalidActionError,
  invalidSizeError,
  unsupportedIndexError,
  unsupportedIndexOptionError,
} from "./mysql-ddl-errors.js";
import { serverNamedKeys } from "./mysql-server-named-keys.js";

type Of<K extends Operation["kind"]> = Extract<Operation, { kind: K }>;

const ACTIONS = new Set(["cascade", "restrict", "set null", "set default", "no action"]);
const MYSQL = "MySQL/MariaDB";
/** NULLS FIRST/LAST, NULLS NOT DISTINCT and DEFERRABLE: none of them. */
const DETAILS = new Set<never>();

/**
 * MySQL/MariaDB DDL: backticks, inline comments, MODIFY for column changes, and a
 * statement per kind of constraint drop. Pure like every compiler: what it cannot know
 * without the database (a column's current definition, a constraint's type) must be in
 * the operation; `MysqlDialect.runOperation` fills it in before compiling.
 */
export class MysqlDdlCompiler extends DdlCompilerBase {
  override compile(op: Operation): Statement[] {
    if (op.kind === "renameTable") {
      // The new name keeps the schema: an unqualified one would move the table to the default database.
      const to = this.table({ ...op.table, name: op.newName });
      return [this.plain(`RENAME TABLE ${this.table(op.table)} TO ${to}`)];
    }
    if (op.kind === "createUniqueConstraint")
      refuseDetails(MYSQL, op.table, { uniques: [op.constraint] }, DETAILS);
    if (op.kind === "createForeignKey")
      refuseDetails(MYSQL, op.table, { foreignKeys: [op.constraint] }, DETAILS);
    return super.compile(op);
  }

  override columnType(type: ColumnType): string {
    return mysqlColumnType(type, (v) => this.sql.literal(v));
  }

  protected override defaultSql(value: DefaultValue): string {
    return isSqlExpression(value) ? mysqlDefaultExpression(value.text) : this.sql.literal(value);
  }

  /** `DROP INDEX name ON table`, also used to drop the index MySQL made for a foreign key. */
  dropIndexSql(table: QualifiedName, name: string): string {
    return `DROP INDEX ${this.id(name)} ON ${this.table(table)}`;
  }

  // Tables and columns

  protected override createTable(op: Of<"createTable">): Statement[] {
    const def = op.definition;
    return [
      this.createTableSql(def, []),
      ...def.indexes.map((i) => this.plain(this.createIndexSql(def.table, i))),
    ];
  }

  /**
   * The table and its indexes in one CREATE TABLE: what snapshotDeclared runs, since each
   * DDL statement costs InnoDB tens of milliseconds. The catalog reads the same as after
   * CREATE TABLE and CREATE INDEX one by one.
   */
  createTableWithIndexes(def: TableDefinition): Statement {
    return this.createTableSql(
      def,
      def.indexes.map((i) => {
        const { kind, keys, using } = this.indexParts(i);
        return `${kind}INDEX ${this.id(i.name)} (${keys})${using}`;
      }),
    );
  }

  /** Refuses, under the table's declared name, a detail MySQL cannot make (NULLS LAST...). */
  refuseUnsupported(def: TableDefinition): void {
    refuseDetails(MYSQL, def.table, def, DETAILS);
  }

  private createTableSql(def: TableDefinition, indexes: string[]): Statement {
    refuseDetails(MYSQL, def.table, def, DETAILS);
    const body = [
      ...def.columns.map((c) => this.columnDefinition(c, def)),
      ...this.tableConstraints(def),
      ...indexes,
    ];
    const comment = def.comment === undefined ? "" : ` COMMENT = ${this.sql.literal(def.comment)}`;
    // The collation names its character set; COLLATE alone sets both.
    const collation = def.collation === undefined ? "" : ` COLLATE = ${this.id(def.collation)}`;
    return this.plain(
      `CREATE TABLE ${this.table(def.table)} (\n  ${body.join(",\n  ")}\n)${this.tableOptions(def)}${comment}${collation}`,
    );
  }

  /**
   * Foreign keys named as the server names unnamed ones (`t_ibfk_1`..`t_ibfk_n`, all of
   * them) are written unnamed, in that order: the server gives them the same names, and
   * their indexes the names it gave them first (the column's), as SHOW CREATE TABLE shows.
   */
  protected override tableConstraints(def: TableDefinition): string[] {
    return super.tableConstraints({ ...def, foreignKeys: serverNamedKeys(def) });
  }

  protected override tableComments(_def: TableDefinition): Statement[] {
    return [];
  }

  /**
   * `` `name` TYPE [COLLATE c] NULL|NOT NULL [DEFAULT x] [AUTO_INCREMENT] [COMMENT 'x'] ``:
   * all of it, as MODIFY needs. A generated column has no default and says NOT NULL only
   * when asked (MariaDB accepts neither NULL nor NOT NULL after it). Identity is
   * AUTO_INCREMENT, which always accepts explicit values: `always` cannot be had.
   */
  protected override columnDefinition(column: ColumnDefinition, _table?: TableDefinition): string {
    const parts = [this.id(column.name), this.columnType(column.type)];
    if (column.collation !== undefined) parts.push(`COLLATE ${this.id(column.collation)}`);
    if (column.generated) {
      parts.push(this.generatedSql(column.generated));
      if (!column.nullable) parts.push("NOT NULL");
    } else {
      parts.push(column.nullable ? "NULL" : "NOT NULL");
      if (column.default !== undefined) parts.push(`DEFAULT ${this.defaultSql(column.default)}`);
    }
    if (column.identity === "always") throw identityAlwaysError(column.name);
    if (column.autoincrement || column.identity === "by default") parts.push("AUTO_INCREMENT");
    if (column.comment !== undefined) parts.push(`COMMENT ${this.sql.literal(column.comment)}`);
    return parts.join(" ");
  }

  protected override addColumn(op: Of<"addColumn">): Statement[] {
    return [
      this.plain(
        `ALTER TABLE ${this.table(op.table)} ADD COLUMN ${this.columnDefinition(op.column)}`,
      ),
    ];
  }

  /**
   * A default alone, or a rename alone, has its own clause. A change of type, nullability
   * or comment restates the whole column (MODIFY, or CHANGE with a rename), so whatever
   * `existing` does not say is lost: type and nullability are required.
   */
  protected override alterColumn(op: Of<"alterColumn">): Statement[] {
    const { changes } = op;
    const table = this.table(op.table);
    const restate =
      changes.type !== undefined || changes.nullable !== undefined || changes.comment !== undefined;
    if (!restate) {
      const out: Statement[] = [];
      const column = this.id(op.column);
      if (changes.default !== undefined) {
        const clause =
          changes.default === null
            ? "DROP DEFAULT"
            : `SET DEFAULT ${this.defaultSql(changes.default)}`;
        out.push(this.plain(`ALTER TABLE ${table} ALTER COLUMN ${column} ${clause}`));
      }
      if (changes.newName !== undefined) {
        out.push(
          this.plain(`ALTER TABLE ${table} RENAME COLUMN ${column} TO ${this.id(changes.newName)}`),
        );
      }
      return out;
    }
    const existing = op.existing ?? {};
    const type = changes.type ?? existing.type;
    const nullable = changes.nullable ?? existing.nullable;
    if (type === undefined || nullable === undefined) {
      const missing = [
        type === undefined ? "type" : "",
        nullable === undefined ? "nullability" : "",
      ];
      throw alterNeedsExistingError(
        op.table.name,
        op.column,
        missing.filter(Boolean).join(" and "),
      );
    }
    const keep = <T>(change: T | null | undefined, before: T | null | undefined) =>
      (change === undefined ? before : change) ?? undefined;
    const column: ColumnDefinition = {
      name: changes.newName ?? op.column,
      type,
      nullable,
      default: keep(changes.default, existing.default),
      comment: keep(changes.comment, existing.comment) || undefined,
      autoincrement: existing.autoincrement,
    };
    const head =
      changes.newName === undefined ? "MODIFY COLUMN" : `CHANGE COLUMN ${this.id(op.column)}`;
    return [this.plain(`ALTER TABLE ${table} ${head} ${this.columnDefinition(column)}`)];
  }

  protected override setTableComment(op: Of<"setTableComment">): Statement[] {
    // MySQL has no "no comment": an empty one is what a table without a comment has.
    const comment = this.sql.literal(op.comment ?? "");
    return [this.plain(`ALTER TABLE ${this.table(op.table)} COMMENT = ${comment}`)];
  }

  // Indexes and constraints

  /**
   * `CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX`, keys with a prefix length and DESC.
   * CONCURRENTLY is PostgreSQL's: InnoDB builds indexes online anyway, so it is ignored.
   */
  protected override createIndexSql(table: QualifiedName, index: IndexDefinition): string {
    refuseDetails(MYSQL, table, { indexes: [index] }, DETAILS);
    const { kind, keys, using } = this.indexParts(index);
    return `CREATE ${kind}INDEX ${this.id(index.name)} ON ${this.table(table)} (${keys})${using}`;
  }

  private indexParts(index: IndexDefinition): { kind: string; keys: string; using: string } {
    if (index.where !== undefined) throw unsupportedIndexError(index.name, "partial");
    const keys = index.columns.map(indexKey);
    if (keys.some((k) => isSqlExpression(k.column)))
      throw unsupportedIndexError(index.name, "expression");
    if (index.include?.length) throw unsupportedIndexOptionError(index.name, "INCLUDE");
    if (keys.some((k) => k.opclass !== undefined))
      throw unsupportedIndexOptionError(index.name, "an operator class");
    if (keys.some((k) => k.collation !== undefined))
      throw unsupportedIndexOptionError(index.name, "a key collation");
    const method = index.method?.toLowerCase();
    let kind = index.unique ? "UNIQUE " : "";
    let using = "";
    if (method === "fulltext" || method === "spatial") kind = `${method.toUpperCase()} `;
    else if (method === "hash") using = " USING HASH";
    else if (method !== undefined && method !== "btree")
      throw unsupportedIndexOptionError(index.name, `method "${index.method}"`);
    return { kind, keys: keys.map((k) => this.mysqlKeySql(k)).join(", "), using };
  }

  /** `` `col`(10) DESC ``. */
  private mysqlKeySql(key: IndexKey): string {
    const length = key.length === undefined ? "" : `(${whole(key.length)})`;
    return `${this.id(key.column as string)}${length}${key.descending ? " DESC" : ""}`;
  }

  protected override dropIndex(op: Of<"dropIndex">): Statement[] {
    if (op.table === undefined) throw dropIndexNeedsTableError(op.name);
    return [this.plain(this.dropIndexSql(op.table, op.name))];
  }

  protected override dropConstraint(op: Of<"dropConstraint">): Statement[] {
    const table = this.table(op.table);
    const name = this.id(op.name);
    switch (op.type) {
      case "primary":
        return [this.plain(`ALTER TABLE ${table} DROP PRIMARY KEY`)];
      case "foreign":
        return [this.plain(`ALTER TABLE ${table} DROP FOREIGN KEY ${name}`)];
      case "unique":
        return [this.plain(`ALTER TABLE ${table} DROP INDEX ${name}`)];
      case "check":
        return [this.plain(`ALTER TABLE ${table} DROP CONSTRAINT ${name}`)];
      case undefined:
        throw dropConstraintNeedsTypeError(op.table.name, op.name);
    }
  }

  /** MySQL names every primary key PRIMARY and rejects `CONSTRAINT PRIMARY`: the name is left out. */
  protected override primaryKeyClause(pk: PrimaryKeyDefinition): string {
    return super.primaryKeyClause({ columns: pk.columns });
  }

  protected override foreignKeyClause(fk: ForeignKeyDefinition): string {
    // The action is written as SQL, so only the five words pass.
    for (const action of [fk.onDelete, fk.onUpdate]) {
      if (action !== undefined && !ACTIONS.has(action)) throw invalidActionError(action);
    }
    return super.foreignKeyClause(fk);
  }
}

function whole(n: number): number {
  if (!Number.isInteger(n) || n <= 0) throw invalidSizeError(n, 1);
  return n;
}
