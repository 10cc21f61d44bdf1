import { type ColumnSnapshot, MigError, type Queryable } from "@mig/core/dialect";
import { mysqlStringLiteral } from "./mysql-literal.js";

/** The database a statement without a schema works in, and which server answers. */
export interface CatalogScope {
  readonly schema: string;
  readonly mariadb: boolean;
}

export async function catalogScope(db: Queryable, schema?: string): Promise<CatalogScope> {
  const rows = await db.query<{ db: string | null; version: string }>(
    "SELECT DATABASE() AS db, VERSION() AS version",
  );
  const current = schema ?? rows[0]?.db ?? null;
  if (current === null) {
    throw new MigError("mysql_no_database", "The connection has no database selected.", {
      hint: "Name the database in the URL (mysql://user@host/database).",
    });
  }
  return { schema: current, mariadb: /mariadb/i.test(String(rows[0]?.version ?? "")) };
}

/** information_schema.COLUMNS, as the introspector and the alterColumn lookup read it. */
export const COLUMN_FIELDS =
  "TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT";

export interface ColumnRow {
  readonly TABLE_NAME: string;
  readonly COLUMN_NAME: string;
  readonly COLUMN_TYPE: string;
  readonly IS_NULLABLE: string;
  readonly COLUMN_DEFAULT: string | null;
  readonly EXTRA: string;
  readonly COLUMN_COMMENT: string;
}

export function columnSnapshot(row: ColumnRow, mariadb: boolean): ColumnSnapshot {
  const extra = row.EXTRA ?? "";
  return {
    name: row.COLUMN_NAME,
    type: lowerOutsideQuotes(row.COLUMN_TYPE),
    nullable: row.IS_NULLABLE === "YES",
    default: defaultText(row.COLUMN_DEFAULT, extra, mariadb),
    autoincrement: /auto_increment/i.test(extra),
    identity: null,
    generated: null,
    collation: null,
    comment: row.COLUMN_COMMENT ? row.COLUMN_COMMENT : null,
  };
}

/**
 * The default as SQL text, `null` for none. MariaDB already gives SQL (`'text'`, `0`,
 * `current_timestamp()`) and `NULL` for a nullable column without one; MySQL 8 gives a
 * literal's bare value and flags expressions DEFAULT_GENERATED. `ON UPDATE` is kept in
 * the text, so restating the column (MODIFY) does not lose it.
 */
function defaultText(value: string | null, extra: string, mariadb: boolean): string | null {
  let text: string | null;
  if (value === null) text = null;
  else if (mariadb) text = value === "NULL" ? null : value;
  else if (/default_generated/i.test(extra)) text = `(${value})`;
  else text = mysqlStringLiteral(value);
  const onUpdate = /on update (.+)$/i.exec(extra)?.[1];
  return onUpdate === undefined ? text : `${text ?? "NULL"} ON UPDATE ${onUpdate}`;
}

/** `ENUM('A','b')` -> `enum('A','b')`: the type's words lowercase, its values untouched. */
function lowerOutsideQuotes(type: string): string {
  return type.replace(/('(?:[^'\\]|\\.|'')*')|[^']+/g, (part, quoted) =>
    quoted ? part : part.toLowerCase(),
  );
}
