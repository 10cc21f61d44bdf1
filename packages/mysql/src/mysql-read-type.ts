import { type ColumnType, t } from "@mig/core";

/**
 * Catalog spellings whose portable type compiles back to exactly them (MariaDB and MySQL
 * 5.7 print integer display widths, MySQL 8 does not). `char(36)` stays a char: it is also
 * what `uuid` compiles to, but nothing in the catalog says it was one.
 */
const SIMPLE: Readonly<Record<string, ColumnType>> = {
  smallint: "smallint",
  "smallint(6)": "smallint",
  int: "integer",
  "int(11)": "integer",
  bigint: "bigint",
  "bigint(20)": "bigint",
  "tinyint(1)": "boolean",
  text: "text",
  float: "real",
  double: "double",
  date: "date",
  time: "time",
  datetime: "timestamp",
  json: "json",
  longblob: "blob",
};

/**
 * A catalog type in the portable vocabulary, or undefined to keep the catalog's spelling.
 * Enums stay raw: a portable enum needs a name, and the catalog type has none.
 */
export function readMysqlType(type: string): ColumnType | undefined {
  const spelled = type.trim().toLowerCase();
  const simple = SIMPLE[spelled];
  if (simple !== undefined) return simple;
  const sized = /^(varchar|char)\((\d+)\)$/.exec(spelled);
  if (sized) {
    const length = Number(sized[2]);
    return sized[1] === "varchar" ? t.varchar(length) : t.char(length);
  }
  const decimal = /^decimal\((\d+),(\d+)\)$/.exec(spelled);
  if (decimal) return t.numeric(Number(decimal[1]), Number(decimal[2]));
  return undefined;
}
