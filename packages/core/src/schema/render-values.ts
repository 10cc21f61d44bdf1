import type { QualifiedName } from "../connection/qualified-name.js";
import type { ColumnType } from "../operations/column-type.js";
import type { Operation } from "../operations/operation.js";
import { isSqlExpression, type SqlExpression } from "../operations/sql-expression.js";
import type {
  ColumnDefinition,
  DefaultValue,
  IndexDefinition,
  IndexKey,
} from "../operations/table-definition.js";
import { arr, call, code, type Expr, obj, str, strings } from "./code-expr.js";

/** A type in the vocabulary: `"integer"`, `t.varchar(255)`, `t.raw("citext")`. */
export function typeExpr(type: ColumnType): Expr {
  if (typeof type === "string") return str(type);
  switch (type.kind) {
    case "varchar":
      return type.length === undefined ? call("t.varchar") : call("t.varchar", num(type.length));
    case "char":
      return call("t.char", num(type.length));
    case "numeric":
      if (type.precision === undefined) {
        if (type.scale === undefined) return call("t.numeric");
        return obj([
          ["kind", str("numeric")],
          ["scale", num(type.scale)],
        ]);
      }
      return type.scale === undefined
        ? call("t.numeric", num(type.precision))
        : call("t.numeric", num(type.precision), num(type.scale));
    case "timestamp":
      return str(type.withTimeZone ? "timestamptz" : "timestamp");
    case "time":
      return type.withTimeZone
        ? call("t.time", obj([["withTimeZone", code("true")]]))
        : str("time");
    case "enum":
      return call("t.enum", str(type.name), strings(type.values));
    case "raw":
      return call("t.raw", str(type.sql));
  }
}

export function sqlExpr(expression: SqlExpression): Expr {
  return call("sql", str(expression.text));
}

/** A default: a literal (`"active"`, `0`, `true`) or `sql("now()")`. */
export function defaultExpr(value: DefaultValue): Expr {
  return valueExpr(value);
}

/** A table as a migration names it: `"users"`, or `{ schema: "sales", name: "orders" }`. */
export function tableRefExpr(table: QualifiedName): Expr {
  if (table.schema === undefined) return str(table.name);
  return obj([
    ["schema", str(table.schema)],
    ["name", str(table.name)],
  ]);
}

/** A `QualifiedName` as data (inside definitions given as `existing`). */
export function qualifiedExpr(table: QualifiedName): Expr {
  return obj([
    ["schema", table.schema === undefined ? undefined : str(table.schema)],
    ["name", str(table.name)],
  ]);
}

/** The spec `addColumn`/`createTable`/`table()` take for a column; `nullable` when not `nullableByDefault`. */
export function columnSpecEntries(
  column: ColumnDefinition,
  nullableByDefault: boolean,
): [string, Expr | undefined][] {
  return [
    ["type", typeExpr(column.type)],
    ["nullable", column.nullable === nullableByDefault ? undefined : code(String(column.nullable))],
    [
      "autoincrement",
      column.autoincrement && column.identity === undefined ? code("true") : undefined,
    ],
    ["identity", column.identity === undefined ? undefined : str(column.identity)],
    ["default", column.default === undefined ? undefined : defaultExpr(column.default)],
    [
      "generated",
      column.generated === undefined
        ? undefined
        : obj([
            ["expression", str(column.generated.expression)],
            ["stored", code(String(column.generated.stored))],
          ]),
    ],
    ["collation", column.collation === undefined ? undefined : str(column.collation)],
    ["comment", column.comment === undefined ? undefined : str(column.comment)],
  ];
}

export function indexKeyExpr(key: string | SqlExpression | IndexKey): Expr {
  if (typeof key === "string") return str(key);
  if (isSqlExpression(key)) return sqlExpr(key);
  return obj([
    ["column", typeof key.column === "string" ? str(key.column) : sqlExpr(key.column)],
    ["descending", key.descending ? code("true") : undefined],
    ["nulls", key.nulls === undefined ? undefined : str(key.nulls)],
    ["length", key.length === undefined ? undefined : num(key.length)],
    ["opclass", key.opclass === undefined ? undefined : str(key.opclass)],
    ["collation", key.collation === undefined ? undefined : str(key.collation)],
  ]);
}

/**
 * An index's options after its name and columns: `unique`, `nullsNotDistinct`, `where`,
 * `method`, `include`.
 */
export function indexOptionEntries(index: IndexDefinition): [string, Expr | undefined][] {
  return [
    ["unique", index.unique ? code("true") : undefined],
    ["nullsNotDistinct", index.nullsNotDistinct ? code("true") : undefined],
    ["where", index.where === undefined ? undefined : str(index.where)],
    ["method", index.method === undefined ? undefined : str(index.method)],
    [
      "include",
      index.include === undefined || index.include.length === 0
        ? undefined
        : strings(index.include),
    ],
  ];
}

export function indexKeysExpr(index: IndexDefinition): Expr {
  return arr(index.columns.map(indexKeyExpr));
}

function num(value: number): Expr {
  return code(Object.is(value, -0) ? "-0" : String(value));
}

/**
 * Any data as a literal: `sql(...)` for SQL expressions, objects without their
 * `undefined` fields. What `existing` definitions and `op.invoke(...)` operations hold.
 */
export function valueExpr(value: unknown): Expr {
  if (value === null) return code("null");
  if (isSqlExpression(value)) return sqlExpr(value);
  switch (typeof value) {
    case "string":
      return str(value);
    case "number":
      return num(value);
    case "bigint":
      return code(`${value}n`);
    case "boolean":
      return code(String(value));
    case "undefined":
      return code("undefined");
  }
  if (Array.isArray(value)) return arr(value.map(valueExpr));
  if (isColumnTypeObject(value)) return typeExpr(value);
  if (value instanceof Date) return call("new Date", str(value.toISOString()));
  if (typeof value === "object") {
    return obj(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        v === undefined ? undefined : valueExpr(v),
      ]),
    );
  }
  return str(String(value));
}

const TYPE_FIELDS = new Set([
  "kind",
  "length",
  "precision",
  "scale",
  "withTimeZone",
  "name",
  "values",
  "sql",
]);
const TYPE_KINDS = new Set(["varchar", "char", "numeric", "timestamp", "time", "enum", "raw"]);

/** A structured column type met inside other data, so it renders as `t.varchar(255)`. */
function isColumnTypeObject(value: unknown): value is ColumnType {
  if (typeof value !== "object" || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return (
    typeof kind === "string" &&
    TYPE_KINDS.has(kind) &&
    Object.keys(value).every((k) => TYPE_FIELDS.has(k))
  );
}

/**
 * `type` and `existing` (which reverses the drop and finds an unnamed constraint on
 * SQLite); `type` is left out when `existing` says it.
 */
export function dropConstraintOptions(
  op: Extract<Operation, { kind: "dropConstraint" }>,
): [string, Expr | undefined][] {
  const type = op.type === undefined || op.type === op.existing?.type ? undefined : str(op.type);
  return [
    ["type", type],
    ["existing", op.existing && valueExpr(op.existing)],
  ];
}
