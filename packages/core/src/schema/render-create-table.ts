import type { TableDefinition } from "../operations/table-definition.js";
import { arr, call, code, type Expr, isAwkwardKey, obj, str, strings } from "./code-expr.js";
import {
  columnSpecEntries,
  indexKeysExpr,
  indexOptionEntries,
  tableRefExpr,
} from "./render-values.js";

/**
 * `callee(table, columns, options)` for a table definition: what `op.createTable` and a
 * schema module's `table(...)` both take, so the call rebuilds the same definition.
 */
export function createTableExpr(callee: string, def: TableDefinition): Expr {
  const pk = def.primaryKey;
  const names = def.columns.map((c) => c.name);
  const inPk = new Set(pk?.columns ?? []);
  // An unnamed key over columns in table order reads best as `primaryKey: true` on them.
  const pkOnColumns =
    pk !== undefined &&
    pk.name === undefined &&
    pk.columns.length > 0 &&
    sameList(
      pk.columns,
      names.filter((n) => inPk.has(n)),
    );
  const specs = def.columns.map((column) => {
    const entries = columnSpecEntries(column, !inPk.has(column.name));
    if (pkOnColumns && inPk.has(column.name)) entries.splice(1, 0, ["primaryKey", code("true")]);
    return entries;
  });
  const asList = names.some(isAwkwardKey) || new Set(names).size !== names.length;
  const columns = asList
    ? arr(specs.map((entries, i) => obj([["name", str(names[i]!)], ...entries])))
    : obj(specs.map((entries, i) => [names[i]!, obj(entries)]));
  const options = obj([
    [
      "primaryKey",
      pk === undefined || pkOnColumns
        ? undefined
        : pk.name === undefined
          ? strings(pk.columns)
          : obj([
              ["name", str(pk.name)],
              ["columns", strings(pk.columns)],
            ]),
    ],
    [
      "foreignKeys",
      nonEmpty(
        def.foreignKeys.map((fk) =>
          obj([
            ["name", fk.name === undefined ? undefined : str(fk.name)],
            ["columns", strings(fk.columns)],
            ["references", tableRefExpr(fk.references)],
            ["referencedColumns", strings(fk.referencedColumns)],
            ["onDelete", fk.onDelete === undefined ? undefined : str(fk.onDelete)],
            ["onUpdate", fk.onUpdate === undefined ? undefined : str(fk.onUpdate)],
            ["deferrable", fk.deferrable === undefined ? undefined : str(fk.deferrable)],
          ]),
        ),
      ),
    ],
    [
      "uniques",
      nonEmpty(
        def.uniques.map((u) =>
          u.name === undefined && !u.nullsNotDistinct
            ? strings(u.columns)
            : obj([
                ["name", u.name === undefined ? undefined : str(u.name)],
                ["columns", strings(u.columns)],
                ["nullsNotDistinct", u.nullsNotDistinct ? code("true") : undefined],
              ]),
        ),
      ),
    ],
    [
      "checks",
      nonEmpty(
        def.checks.map((c) =>
          c.name === undefined
            ? str(c.expression)
            : obj([
                ["name", str(c.name)],
                ["expression", str(c.expression)],
              ]),
        ),
      ),
    ],
    [
      "indexes",
      nonEmpty(
        def.indexes.map((index) =>
          obj([
            ["name", str(index.name)],
            ["columns", indexKeysExpr(index)],
            ...indexOptionEntries(index),
          ]),
        ),
      ),
    ],
    ["comment", def.comment === undefined ? undefined : str(def.comment)],
    ["collation", def.collation === undefined ? undefined : str(def.collation)],
    ["withoutRowid", def.withoutRowid ? code("true") : undefined],
    ["strict", def.strict ? code("true") : undefined],
  ]);
  const hasOptions = options.kind === "object" && options.props.length > 0;
  const args = [tableRefExpr(def.table), columns, ...(hasOptions ? [options] : [])];
  return call(callee, ...args);
}

function nonEmpty(items: Expr[]): Expr | undefined {
  return items.length === 0 ? undefined : arr(items);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
