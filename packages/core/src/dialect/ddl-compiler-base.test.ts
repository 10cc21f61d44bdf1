import { describe, expect, test } from "vitest";
import { RecordingDialect } from "../../test/test-dialect.js";
import { isMigError } from "../errors/mig-error.js";
import { t } from "../operations/column-type.js";
import { tableDefinition } from "../operations/operation-specs.js";
import { sql } from "../operations/sql-expression.js";

const dialect = new RecordingDialect();
const compile = (op: Parameters<typeof dialect.ddl.compile>[0]) =>
  dialect.ddl.compile(op).map((s) => s.sql);

describe("DdlCompilerBase", () => {
  test("names are quoted by the dialect, so no name breaks out of its quotes", () => {
    const [create] = compile({
      kind: "createTable",
      definition: tableDefinition(
        { name: 'a"; DROP TABLE x; --', schema: "s p" },
        {
          'we"ird': { type: t.varchar(10), default: "it's" },
        },
      ),
    });
    expect(create).toBe(
      'CREATE TABLE "s p"."a""; DROP TABLE x; --" (\n  "we""ird" VARCHAR(10) DEFAULT \'it\'\'s\'\n)',
    );
  });

  test("generated, identity and collated columns; index keys with order, class and method", () => {
    const [create, index] = compile({
      kind: "createTable",
      definition: tableDefinition(
        "t",
        {
          id: { type: "integer", identity: "always", primaryKey: true },
          name: { type: "text", collation: "C" },
          twice: { type: "integer", generated: { expression: "id * 2", stored: true } },
        },
        {
          indexes: [
            {
              name: "ix",
              columns: [
                { column: "name", descending: true, opclass: "text_pattern_ops" },
                sql("lower(name)"),
              ],
              method: "btree",
              include: ["id"],
              where: "id > 0",
            },
          ],
        },
      ),
    });
    expect(create).toContain('"id" INTEGER GENERATED ALWAYS AS IDENTITY NOT NULL');
    expect(create).toContain('"name" TEXT COLLATE "C"');
    expect(create).toContain('"twice" INTEGER GENERATED ALWAYS AS (id * 2) STORED');
    expect(index).toBe(
      'CREATE INDEX "ix" ON "t" USING btree ("name" text_pattern_ops DESC, (lower(name))) INCLUDE ("id") WHERE id > 0',
    );
  });

  test("alterEnum is PostgreSQL's: elsewhere a clear error", () => {
    expect(() => compile({ kind: "alterEnum", name: "mood", values: ["a"] })).toThrow(
      "alterEnum: this database has no enum types (mood).",
    );
  });

  test("a SQL default is written as given; a string default is a literal", () => {
    const [create] = compile({
      kind: "createTable",
      definition: tableDefinition("t", {
        a: { type: "timestamptz", default: sql("CURRENT_TIMESTAMP"), nullable: false },
        b: { type: "text", default: "CURRENT_TIMESTAMP" },
      }),
    });
    expect(create).toContain('"a" TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL');
    expect(create).toContain("\"b\" TEXT DEFAULT 'CURRENT_TIMESTAMP'");
  });

  test("bulkInsert binds values, one INSERT per run of rows with the same columns", () => {
    const statements = dialect.ddl.compile({
      kind: "bulkInsert",
      table: { name: "t" },
      rows: [{ a: 1, b: "x" }, { a: 2, b: null }, { a: 3 }],
    });
    expect(statements).toEqual([
      { sql: 'INSERT INTO "t" ("a", "b") VALUES (?, ?), (?, ?)', params: [1, "x", 2, null] },
      { sql: 'INSERT INTO "t" ("a") VALUES (?)', params: [3] },
    ]);
  });

  test("bulkInsert splits rows to stay under the drivers' parameter limits", () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ a: i, b: i }));
    const statements = dialect.ddl.compile({ kind: "bulkInsert", table: { name: "t" }, rows });
    expect(statements.map((s) => s.params?.length)).toEqual([30_000, 10_000]);
  });

  test("a type size that is not a whole number is a clear error", () => {
    let error: unknown;
    try {
      dialect.ddl.columnType(t.varchar(2.5));
    } catch (e) {
      error = e;
    }
    expect(isMigError(error) && error.code).toBe("invalid_type");
  });
});
