import { describe, expect, test } from "vitest";
import { biomeFormatted, migrationModule } from "../../test/render-check.js";
import type { QualifiedName } from "../connection/qualified-name.js";
import { type ColumnType, t } from "../operations/column-type.js";
import type { Operation } from "../operations/operation.js";
import { sql } from "../operations/sql-expression.js";
import type { ColumnDefinition } from "../operations/table-definition.js";
import { renderOperations } from "./render-operations.js";
import { renderSchemaModule } from "./render-schema-module.js";
import type { SchemaSnapshot, TableSnapshot } from "./schema-snapshot.js";

/** Random operations and schemas with names and texts of every length near the line width. */
function generator(seed: number) {
  let state = seed;
  const rnd = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const count = (n: number) => Math.floor(rnd() * n);
  const word = () => "abcdefghijklmnopqrstuvwxyz".slice(count(26)).slice(0, 1 + count(12)) || "w";
  const text = () =>
    Array.from({ length: count(16) }, word).join(pick([" ", "'", '"', " \\ ", "\n"]));
  const name = () =>
    pick([
      word(),
      `${word()}_${word()}`,
      "x",
      `${word()}${word()}${word()}${word()}`,
      `a-b ${word()}`,
    ]);
  const ref = (): QualifiedName =>
    rnd() < 0.3 ? { schema: name(), name: name() } : { name: name() };
  const type = (): ColumnType =>
    pick<ColumnType>([
      "integer",
      t.varchar(count(300)),
      t.numeric(10, 2),
      t.raw(text() || "x"),
      t.enum(name(), [name(), name(), name()]),
    ]);
  const column = (): ColumnDefinition => ({
    name: name(),
    type: type(),
    nullable: rnd() < 0.5,
    ...(rnd() < 0.3 ? { default: pick([text(), 1, true, sql(text() || "x")]) } : {}),
    ...(rnd() < 0.2 ? { comment: text() } : {}),
  });
  const operation = (): Operation => {
    const columns = Array.from({ length: 1 + count(4) }, column);
    switch (count(12)) {
      case 0:
        return {
          kind: "createTable",
          definition: {
            table: ref(),
            columns,
            foreignKeys: [],
            uniques: rnd() < 0.5 ? [{ columns: [name(), name()] }] : [],
            checks: rnd() < 0.5 ? [{ name: name(), expression: text() || "x" }] : [],
            indexes:
              rnd() < 0.5
                ? [{ name: name(), columns: [name(), sql(text() || "x")], where: text() }]
                : [],
            ...(rnd() < 0.3 ? { comment: text() } : {}),
          },
        };
      case 1:
        return { kind: "addColumn", table: ref(), column: column() };
      case 2:
        return {
          kind: "alterColumn",
          table: ref(),
          column: name(),
          changes: { type: type(), nullable: rnd() < 0.5 },
          existing: { type: type(), nullable: true, default: null },
        };
      case 3:
        return {
          kind: "createIndex",
          table: ref(),
          index: { name: name(), columns: [name(), { column: name(), descending: true }] },
        };
      case 4:
        return {
          kind: "createForeignKey",
          table: ref(),
          constraint: {
            name: name(),
            columns: [name()],
            references: ref(),
            referencedColumns: [name()],
            onDelete: "cascade",
          },
        };
      case 5:
        return {
          kind: "createCheckConstraint",
          table: ref(),
          constraint: { name: name(), expression: text() || "x" },
        };
      case 6:
        return { kind: "execute", sql: text() || "x" };
      case 7:
        return { kind: "setTableComment", table: ref(), comment: text(), existing: null };
      case 8:
        return {
          kind: "bulkInsert",
          table: ref(),
          rows: [{ x: text(), [name()]: text() }, { x: 1 }],
        };
      case 9:
        return {
          kind: "dropTable",
          table: ref(),
          existing: {
            table: ref(),
            columns,
            foreignKeys: [],
            uniques: [],
            checks: [],
            indexes: [],
          },
        };
      case 10:
        return { kind: "alterEnum", name: name(), values: [text(), name()], existing: [name()] };
      default:
        return { kind: "dropColumn", table: ref(), column: name() };
    }
  };
  const table = (): TableSnapshot => {
    const cols = Array.from({ length: 1 + count(5) }, () => ({
      name: name(),
      type: pick(["integer", "text", text() || "x"]),
      nullable: rnd() < 0.5,
      default: rnd() < 0.3 ? text() : null,
      autoincrement: false,
      identity: null,
      generated: rnd() < 0.1 ? { expression: text() || "x", stored: true } : null,
      collation: null,
      comment: rnd() < 0.2 ? text() : null,
    }));
    return {
      name: name(),
      comment: rnd() < 0.3 ? text() : null,
      extension: null,
      collation: null,
      columns: cols,
      primaryKey:
        rnd() < 0.5 ? { name: rnd() < 0.5 ? name() : null, columns: [cols[0]!.name] } : null,
      foreignKeys: [],
      uniques: rnd() < 0.3 ? [{ name: name(), columns: [cols[0]!.name] }] : [],
      checks: rnd() < 0.3 ? [{ name: name(), expression: text() || "x" }] : [],
      indexes: [],
    };
  };
  return { operation, table };
}

describe("generated code is laid out as biome lays it out", () => {
  test.each([1, 2, 3])(
    "200 random operations, seed %i",
    (seed) => {
      const g = generator(seed);
      const ops = Array.from({ length: 200 }, g.operation);
      const module = migrationModule(renderOperations(ops), renderOperations(ops.slice(0, 3)));
      expect(biomeFormatted(module)).toBe(module);
    },
    60_000,
  );

  test.each([1, 2, 3])(
    "a random 60-table schema module, seed %i",
    (seed) => {
      const g = generator(seed);
      const snapshot: SchemaSnapshot = {
        tables: Array.from({ length: 60 }, g.table),
        enums: [],
        unsupported: [],
      };
      const text = renderSchemaModule(snapshot);
      expect(biomeFormatted(text)).toBe(text);
    },
    60_000,
  );
});
