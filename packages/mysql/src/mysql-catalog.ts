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
  "TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT, GENERATION_EXPRESSION, COLLATION_NAME";

export interface ColumnRow {
  readonly TABLE_NAME: string;
  readonly COLUMN_NAME: string;
  readonly COLUMN_TYPE: string;
  readonly IS_NULLABLE: string;
  readonly COLUMN_DEFAULT: string | null;
  readonly EXTRA: string;
  readonly COLUMN_COMMENT: string;
  readonly GENERATION_EXPRESSION: string | null;
  readonly COLLATION_NAME: string | null;
}

/** What a column's own row cannot say: its table's default collation, MariaDB's JSON check. */
export interface ColumnContext {
  readonly tableCollation?: string | undefined;
  /** MariaDB: the column has the `json_valid()` check its JSON type adds. */
  readonly json?: boolean | undefined;
}

export function columnSnapshot(
  row: ColumnRow,
  mariadb: boolean,
  context: ColumnContext = {},
): ColumnSnapshot {
  const extra = row.EXTRA ?? "";
  const generated = /\b(virtual|stored|persistent) generated\b/i.exec(extra);
  // MariaDB's JSON is LONGTEXT with utf8mb4_bin and a check: read back as the JSON it was.
  const json = context.json === true && /^longtext$/i.test(row.COLUMN_TYPE);
  const collation = row.COLLATION_NAME ?? null;
  return {
    name: row.COLUMN_NAME,
    type: json ? "json" : lowerOutsideQuotes(row.COLUMN_TYPE),
    nullable: row.IS_NULLABLE === "YES",
    default: generated ? null : defaultText(row.COLUMN_DEFAULT, extra, mariadb, row.COLUMN_TYPE),
    autoincrement: /auto_increment/i.test(extra),
    identity: null,
    generated: generated
      ? {
          expression: str(row.GENERATION_EXPRESSION),
          stored: generated[1]!.toLowerCase() !== "virtual",
        }
      : null,
    collation:
      json || collation === null || collation === context.tableCollation ? null : collation,
    comment: row.COLUMN_COMMENT ? row.COLUMN_COMMENT : null,
  };
}

/**
 * The default as SQL text, `null` for none. MariaDB already gives SQL (`'text'`, `0`,
 * `current_timestamp()`) and `NULL` for a nullable column without one; MySQL 8 gives a
 * literal's bare value and flags expressions DEFAULT_GENERATED. `ON UPDATE` is kept in
 * the text, so restating the column (MODIFY) does not lose it.
 */
function defaultText(
  value: string | null,
  extra: string,
  mariadb: boolean,
  type: string,
): string | null {
  let text: string | null;
  if (value === null) text = null;
  else if (mariadb) text = value === "NULL" ? null : value;
  // MySQL 8 may not flag CURRENT_TIMESTAMP as generated; on a date type it cannot be text.
  else if (
    NOW.test(value) &&
    (/default_generated/i.test(extra) || /^(timestamp|datetime)/i.test(type))
  )
    text = now(value);
  else if (/default_generated/i.test(extra)) text = `(${value})`;
  else text = mysqlStringLiteral(value);
  const onUpdate = /on update (.+)$/i.exec(extra)?.[1];
  return onUpdate === undefined ? text : `${text ?? "NULL"} ON UPDATE ${now(onUpdate)}`;
}

const NOW = /^current_timestamp(?:\((\d*)\))?$/i;

/** MySQL 8's `CURRENT_TIMESTAMP(3)` in MariaDB's spelling, `current_timestamp(3)`. */
function now(text: string): string {
  const match = NOW.exec(text.trim());
  return match ? `current_timestamp(${match[1] ?? ""})` : text;
}

function str(value: unknown): string {
  if (Buffer.isBuffer(value)) return value.toString("utf8");
  return value === null || value === undefined ? "" : String(value);
}

/** `ENUM('A','b')` -> `enum('A','b')`: the type's words lowercase, its values untouched. */
function lowerOutsideQuotes(type: string): string {
  return type.replace(/('(?:[^'\\]|\\.|'')*')|[^']+/g, (part, quoted) =>
    quoted ? part : part.toLowerCase(),
  );
}

/** MariaDB's JSON is LONGTEXT with a `json_valid()` check it adds by itself. */
export function isJsonCheck(row: Record<string, unknown>): boolean {
  const column = str(row.CONSTRAINT_NAME);
  return (
    row.LEVEL === "Column" && row.CHECK_CLAUSE === `json_valid(\`${column.replaceAll("`", "``")}\`)`
  );
}
