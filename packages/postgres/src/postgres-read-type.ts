import { type ColumnType, t } from "@mig/core";

/** Catalog spellings (`format_type`) the compiler writes back exactly from a portable type. */
const SIMPLE: Readonly<Record<string, ColumnType>> = {
  smallint: "smallint",
  integer: "integer",
  bigint: "bigint",
  text: "text",
  boolean: "boolean",
  real: "real",
  "double precision": "double",
  date: "date",
  "time without time zone": "time",
  "time with time zone": t.time({ withTimeZone: true }),
  "timestamp without time zone": "timestamp",
  "timestamp with time zone": "timestamptz",
  json: "json",
  jsonb: "jsonb",
  uuid: "uuid",
  bytea: "blob",
  "character varying": t.varchar(),
  numeric: t.numeric(),
};

/**
 * For `mig pull`: the portable type that compiles to exactly this catalog type, else
 * undefined (enums, arrays, precisions such as `timestamp(3)`, extension types).
 */
export function readPostgresType(type: string): ColumnType | undefined {
  const simple = SIMPLE[type];
  if (simple !== undefined) return simple;
  const sized = /^(character varying|character|numeric)\((\d+)(?:,(\d+))?\)$/.exec(type);
  if (!sized) return undefined;
  const [, base, first, second] = sized;
  const n = Number(first);
  if (base === "numeric") return t.numeric(n, second === undefined ? undefined : Number(second));
  if (second !== undefined) return undefined;
  return base === "character" ? t.char(n) : t.varchar(n);
}
