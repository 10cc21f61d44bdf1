import { type ColumnType, normalizeType } from "@mig/core";
import { invalidSizeError } from "./mysql-ddl-errors.js";

/** MySQL requires a length on VARCHAR; this is the one `t.varchar()` gets. */
export const DEFAULT_VARCHAR_LENGTH = 255;

/**
 * MySQL's spelling of a portable type. `literal` renders enum values, so a value with a
 * quote or a backslash stays one value.
 */
export function mysqlColumnType(type: ColumnType, literal: (value: string) => string): string {
  const t = normalizeType(type);
  switch (t.kind) {
    case "smallint":
      return "SMALLINT";
    case "integer":
      return "INT";
    case "bigint":
      return "BIGINT";
    case "text":
      return "TEXT";
    case "boolean":
      return "BOOL";
    case "real":
      return "FLOAT";
    case "double":
      return "DOUBLE";
    case "date":
      return "DATE";
    // MySQL has no type that keeps a time zone; mig's sessions run in UTC.
    case "time":
      return "TIME";
    case "timestamp":
      return "DATETIME";
    case "json":
    case "jsonb":
      return "JSON";
    case "uuid":
      return "CHAR(36)";
    // BLOB stops at 64 KiB; bytea and SQLite blobs have no such limit.
    case "blob":
      return "LONGBLOB";
    case "varchar":
      return `VARCHAR(${whole(t.length ?? DEFAULT_VARCHAR_LENGTH)})`;
    case "char":
      return `CHAR(${whole(t.length)})`;
    case "numeric":
      // A bare DECIMAL is DECIMAL(10,0) and would round away every fraction.
      if (t.precision === undefined) return "DECIMAL(65, 30)";
      return t.scale === undefined
        ? `DECIMAL(${whole(t.precision)})`
        : `DECIMAL(${whole(t.precision)}, ${whole(t.scale)})`;
    case "enum":
      return `ENUM(${t.values.map((v) => literal(v)).join(", ")})`;
    case "raw":
      return t.sql;
  }
}

function whole(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw invalidSizeError(n);
  return n;
}

const LITERAL =
  /^(?:[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|'(?:[^'\\]|\\.|'')*'|null|true|false)$/is;
/** The CURRENT_TIMESTAMP family may stand bare, and only bare can it take ON UPDATE. */
const NOW =
  /^(?:current_timestamp|now|localtime|localtimestamp)(?:\s*\(\s*\d*\s*\))?(?:\s+on\s+update\s+.+)?$/is;

/**
 * A `sql("...")` default as MySQL accepts it: MySQL 8 takes an expression only in
 * parentheses, and MariaDB takes the parentheses too. Literals and CURRENT_TIMESTAMP stay
 * bare so they are not turned into expression defaults.
 */
export function mysqlDefaultExpression(text: string): string {
  const trimmed = text.trim();
  return LITERAL.test(trimmed) || NOW.test(trimmed) ? trimmed : `(${trimmed})`;
}
