import type { QualifiedName } from "../connection/qualified-name.js";
import { MigError } from "../errors/mig-error.js";
import { type NormalizedType, normalizeType } from "../operations/column-type.js";
import { isSqlExpression } from "../operations/sql-expression.js";
import { indexKey, type TableDefinition } from "../operations/table-definition.js";

/**
 * Mistakes in a schema module found before any database sees it, each naming the table:
 * a type outside the vocabulary, or a key, index or foreign key naming a column the table
 * (or the declared table it references) does not have. SQLite would accept some of them
 * and fail later, or never.
 */
export function validateTables(tables: readonly TableDefinition[]): void {
  const byName = new Map(tables.map((t) => [nameOf(t.table), t]));
  // One enum type per name (in each schema): the first column to declare it, and its values.
  const enums = new Map<string, { at: string; values: readonly string[] }>();
  for (const def of tables) {
    const table = nameOf(def.table);
    const columns = new Set(def.columns.map((c) => c.name));
    const seen = new Set<string>();
    for (const column of def.columns) {
      if (seen.has(column.name)) fail(table, `declares column "${column.name}" twice`);
      seen.add(column.name);
      let type: NormalizedType;
      try {
        type = normalizeType(column.type);
      } catch (error) {
        // The type's own message and hint (the vocabulary), naming the table and column.
        const { message, hint } = error as MigError;
        throw new MigError(
          "schema_invalid",
          `The schema module's table ${table}, column "${column.name}": ${message}`,
          { usage: true, hint },
        );
      }
      if (type.kind === "enum") sameEnum(enums, def.table, `${table}.${column.name}`, type);
    }
    const need = (what: string, names: readonly string[]) => {
      for (const name of names) {
        if (!columns.has(name))
          fail(table, `${what} names column "${name}", which it does not have`);
      }
    };
    need("the primary key", def.primaryKey?.columns ?? []);
    for (const u of def.uniques) need("a unique constraint", u.columns);
    for (const index of def.indexes) {
      const keys = index.columns.map((k) => indexKey(k).column);
      need(
        `index "${index.name}"`,
        keys.filter((k): k is string => !isSqlExpression(k)),
      );
      need(`index "${index.name}" (include)`, index.include ?? []);
    }
    for (const fk of def.foreignKeys) {
      need("a foreign key", fk.columns);
      if (fk.columns.length !== fk.referencedColumns.length) {
        fail(
          table,
          `a foreign key has ${fk.columns.length} column(s) but references ${fk.referencedColumns.length}`,
        );
      }
      const target = byName.get(nameOf(fk.references));
      if (!target) continue; // a table the module does not declare: the database decides
      const targetColumns = new Set(target.columns.map((c) => c.name));
      for (const name of fk.referencedColumns) {
        if (!targetColumns.has(name)) {
          fail(
            table,
            `a foreign key references ${nameOf(fk.references)}.${name}, which is not declared`,
          );
        }
      }
    }
  }
}

/**
 * A second declaration of an enum name must list the same values: PostgreSQL has one type of
 * that name, which the first declaration made, and the second column's values would be
 * silently dropped (`check` clean, inserts failing).
 */
function sameEnum(
  enums: Map<string, { at: string; values: readonly string[] }>,
  table: QualifiedName,
  at: string,
  type: { readonly name: string; readonly values: readonly string[] },
): void {
  const key = nameOf({ schema: table.schema, name: type.name });
  const first = enums.get(key);
  if (!first) {
    enums.set(key, { at, values: type.values });
    return;
  }
  if (first.values.join("\0") === type.values.join("\0")) return;
  throw new MigError(
    "schema_invalid",
    `The schema module declares enum ${type.name} twice with different values: (${first.values.join(", ")}) at ${first.at}, (${type.values.join(", ")}) at ${at}.`,
    {
      usage: true,
      hint: "Declare the enum once (const mood = t.enum(...)) and use it in both columns, or give the second its own name.",
    },
  );
}

function nameOf(name: QualifiedName): string {
  return name.schema === undefined ? name.name : `${name.schema}.${name.name}`;
}

function fail(table: string, problem: string): never {
  throw new MigError("schema_invalid", `The schema module's table ${table} ${problem}.`, {
    usage: true,
    hint: "Fix the table's declaration in the schema module.",
  });
}
