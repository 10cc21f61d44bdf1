import type { ColumnType } from "../operations/column-type.js";
import type { ReferentialAction } from "../operations/table-definition.js";
import { callees, statementLines } from "./code-expr.js";
import { exportNames } from "./export-names.js";
import { createTableExpr } from "./render-create-table.js";
import type { SchemaSnapshot } from "./schema-snapshot.js";
import { snapshotDefinitions, spellsEnum } from "./snapshot-definitions.js";
import { unsupportedLabel } from "./unsupported-label.js";

export interface RenderSchemaOptions {
  /** The dialect's reading of a catalog type in the portable vocabulary, when exact. */
  readonly readType?: ((type: string) => ColumnType | undefined) | undefined;
  /** The dialect's foreign key action when none is written (`capabilities`). */
  readonly defaultAction?: ReferentialAction | undefined;
  /** Where `table`, `t` and `sql` are imported from. Default `@mig/core`. */
  readonly importFrom?: string | undefined;
}

/**
 * A schema module (TypeScript) declaring `snapshot`'s tables: what `mig pull` writes.
 * Types read by the dialect when it can say them exactly, else `t.raw` in the catalog's
 * spelling; defaults as `sql(...)` as the server prints them; every constraint and index
 * keeps its name, so comparing the module with the database it came from finds nothing.
 */
export function renderSchemaModule(
  snapshot: SchemaSnapshot,
  options: RenderSchemaOptions = {},
): string {
  const definitions = snapshotDefinitions(snapshot, options);
  const names = exportNames(definitions.map((d) => d.table));
  const exprs = definitions.map((def) => createTableExpr("table", def));
  const used = new Set(exprs.flatMap(callees));
  const imports = ["sql", "t", "table"].filter((name) => used.has(name));
  const out = header(snapshot);
  if (imports.length > 0) {
    out.push("");
    out.push(
      `import { ${imports.join(", ")} } from ${JSON.stringify(options.importFrom ?? "@mig/core")};`,
    );
  }
  exprs.forEach((expr, i) => {
    out.push("", ...statementLines(expr, 100, `export const ${names[i]} = `));
  });
  return `${out.join("\n")}\n`;
}

function header(snapshot: SchemaSnapshot): string[] {
  const lines = [
    "// The database's schema, written by `mig pull`. Autogenerate compares the database with",
    "// it: change it, then run `mig revision --autogenerate`.",
  ];
  const used = new Set(snapshot.tables.flatMap((table) => table.columns.map((c) => c.type)));
  const unused = snapshot.enums.filter((e) => ![...used].some((type) => spellsEnum(type, e)));
  const notManaged = [
    ...snapshot.unsupported.map((o) => printable(unsupportedLabel(o))),
    ...unused.map((e) => `enum type ${qualified(e.schema, e.name)} (no column uses it)`),
  ];
  if (notManaged.length > 0) {
    lines.push("// Not managed by mig (autogenerate leaves them alone):");
    for (const text of notManaged) lines.push(`//   ${text}`);
  }
  return lines;
}

function qualified(schema: string | undefined, name: string): string {
  return printable(schema === undefined ? name : `${schema}.${name}`);
}

/** A name on one comment line: control characters escaped. */
function printable(text: string): string {
  return text.replace(
    /[\p{Cc}\u2028\u2029]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
