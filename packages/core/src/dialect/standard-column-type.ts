import { MigError } from "../errors/mig-error.js";
import { type ColumnType, normalizeType } from "../operations/column-type.js";

/** The portable types in standard SQL: what `DdlCompilerBase` writes unless a dialect overrides. */
export function standardColumnType(type: ColumnType): string {
  const t = normalizeType(type);
  switch (t.kind) {
    case "smallint":
      return "SMALLINT";
    case "integer":
      return "INTEGER";
    case "bigint":
      return "BIGINT";
    case "text":
      return "TEXT";
    case "boolean":
      return "BOOLEAN";
    case "real":
      return "REAL";
    case "double":
      return "DOUBLE PRECISION";
    case "date":
      return "DATE";
    case "time":
      return t.withTimeZone ? "TIME WITH TIME ZONE" : "TIME";
    case "timestamp":
      return t.withTimeZone ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP";
    case "json":
    case "jsonb":
      return "JSON";
    case "uuid":
      return "CHAR(36)";
    case "blob":
      return "BLOB";
    case "varchar":
      return t.length === undefined ? "VARCHAR" : `VARCHAR(${whole(t.length)})`;
    case "char":
      return `CHAR(${whole(t.length)})`;
    case "numeric":
      return t.precision === undefined
        ? "NUMERIC"
        : t.scale === undefined
          ? `NUMERIC(${whole(t.precision)})`
          : `NUMERIC(${whole(t.precision)}, ${whole(t.scale)})`;
    case "enum":
      return `VARCHAR(${Math.max(1, ...t.values.map((v) => v.length))})`;
    case "raw":
      return t.sql;
  }
}

function whole(n: number): number {
  if (!Number.isInteger(n) || n < 0) {
    throw new MigError("invalid_type", `A type size must be a whole number, 0 or more, not ${n}.`, {
      hint: "Write t.varchar(255) or t.numeric(10, 2).",
    });
  }
  return n;
}
