import type { ColumnType } from "@mig/core";
import { t } from "@mig/core/dialect";
import type { SqliteDdlCompiler } from "./sqlite-ddl-compiler.js";

type Reader = readonly [RegExp, (match: RegExpMatchArray) => ColumnType];

const size = (m: RegExpMatchArray, i: number) => Number(m[i]);

/** Catalog spellings that may be a portable type; each is checked by compiling it back. */
const READERS: readonly Reader[] = [
  [
    /^(smallint|integer|bigint|text|boolean|real|double|date|time|json|blob)$/,
    (m) => m[1] as ColumnType,
  ],
  [/^datetime$/, () => "timestamp"],
  [/^varchar$/, () => t.varchar()],
  [/^varchar\((\d+)\)$/, (m) => t.varchar(size(m, 1))],
  [/^char\((\d+)\)$/, (m) => t.char(size(m, 1))],
  [/^numeric$/, () => t.numeric()],
  [/^numeric\((\d+)\)$/, (m) => t.numeric(size(m, 1))],
  [/^numeric\((\d+), (\d+)\)$/, (m) => t.numeric(size(m, 1), size(m, 2))],
];

/**
 * A column type as introspection reports it (`VARCHAR(255)`) in the portable vocabulary
 * (`t.varchar(255)`), only when the DDL compiler writes exactly that type text for it,
 * case included (SQLite keeps the declared case); anything else (`int`, `nvarchar(160)`,
 * `varchar(255)` in lowercase) stays the catalog's spelling.
 */
export function readType(ddl: SqliteDdlCompiler, type: string): ColumnType | undefined {
  const text = type.trim();
  for (const [pattern, make] of READERS) {
    const match = text.toLowerCase().match(pattern);
    if (!match) continue;
    const candidate = make(match);
    if (ddl.columnType(candidate) === text) return candidate;
  }
  return undefined;
}
