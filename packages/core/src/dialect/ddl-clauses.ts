import type { QualifiedName } from "../connection/qualified-name.js";
import type { Statement } from "../operations/operation.js";
import { isSqlExpression, type SqlExpression } from "../operations/sql-expression.js";
import {
  type CheckDefinition,
  type ForeignKeyDefinition,
  type IndexKey,
  indexKey,
  type PrimaryKeyDefinition,
  type UniqueDefinition,
} from "../operations/table-definition.js";
import type { SqlWriter } from "./sql-writer.js";

/**
 * The SQL pieces statements are built from: identifiers, column lists, index keys and the
 * constraint clauses CREATE TABLE and ALTER TABLE ... ADD share. DdlCompilerBase builds on
 * them; a dialect overrides any it spells differently.
 */
export class DdlClauses {
  protected readonly sql: SqlWriter;

  constructor(writer: SqlWriter) {
    this.sql = writer;
  }

  // Identifiers

  protected id(name: string): string {
    return this.sql.quoteIdentifier(name);
  }

  protected table(name: QualifiedName): string {
    return this.sql.qualify(name);
  }

  protected columnList(columns: readonly (string | SqlExpression)[]): string {
    return columns.map((c) => (isSqlExpression(c) ? `(${c.text})` : this.id(c))).join(", ");
  }

  /** An index key: `"col"`, `(expr)`, then COLLATE, operator class, DESC and NULLS when given. */
  protected indexKeySql(key: string | SqlExpression | IndexKey): string {
    const k = indexKey(key);
    const parts = [isSqlExpression(k.column) ? `(${k.column.text})` : this.id(k.column)];
    if (k.collation !== undefined) parts.push(`COLLATE ${this.id(k.collation)}`);
    if (k.opclass !== undefined) parts.push(k.opclass);
    if (k.descending) parts.push("DESC");
    if (k.nulls !== undefined) parts.push(`NULLS ${k.nulls.toUpperCase()}`);
    return parts.join(" ");
  }

  protected plain(sql: string): Statement {
    return { sql };
  }

  // Constraint clauses

  protected constraintName(name: string | undefined): string {
    return name === undefined ? "" : `CONSTRAINT ${this.id(name)} `;
  }

  protected primaryKeyClause(pk: PrimaryKeyDefinition): string {
    return `${this.constraintName(pk.name)}PRIMARY KEY (${this.columnList(pk.columns)})`;
  }

  protected uniqueClause(u: UniqueDefinition): string {
    const nulls = u.nullsNotDistinct ? " NULLS NOT DISTINCT" : "";
    return `${this.constraintName(u.name)}UNIQUE${nulls} (${this.columnList(u.columns)})`;
  }

  protected checkClause(c: CheckDefinition): string {
    return `${this.constraintName(c.name)}CHECK (${c.expression})`;
  }

  protected foreignKeyClause(fk: ForeignKeyDefinition): string {
    let clause = `${this.constraintName(fk.name)}FOREIGN KEY (${this.columnList(fk.columns)}) REFERENCES ${this.table(fk.references)} (${this.columnList(fk.referencedColumns)})`;
    if (fk.onDelete) clause += ` ON DELETE ${action(fk.onDelete)}`;
    if (fk.onUpdate) clause += ` ON UPDATE ${action(fk.onUpdate)}`;
    if (fk.deferrable) clause += ` DEFERRABLE INITIALLY ${action(fk.deferrable)}`;
    return clause;
  }
}

const action = (a: string): string => a.toUpperCase();
