import { describe, expect, test } from "vitest";
import { byHandChange } from "../../test/by-hand-change.js";
import { col, declaredFrom, snap, tbl } from "../../test/schema-fixtures.js";
import { RecordingDialect } from "../../test/test-dialect.js";
import { tableDefinition } from "../operations/operation-specs.js";
import { compareSchemas } from "./compare-schemas.js";
import { renderOperations } from "./render-operations.js";
import { renderSchemaModule } from "./render-schema-module.js";

// SQLite's WITHOUT ROWID and STRICT, fixed when a table is created.
const key = col("k", "TEXT", { nullable: false });
const kv = tbl("kv", [key], { withoutRowid: true, strict: true });
const plain = tbl("kv", [key]);

describe("SQLite table options", () => {
  test("pull writes them in the table's options, and only when set", () => {
    expect(renderSchemaModule(snap([kv]))).toContain("{ withoutRowid: true, strict: true }");
    const none = renderSchemaModule(snap([plain]));
    expect(none).not.toContain("withoutRowid");
    expect(none).not.toContain("strict");
  });

  test("a created table's options are createTable options", () => {
    const definition = tableDefinition("kv", {}, { withoutRowid: true });
    const lines = renderOperations([{ kind: "createTable", definition }]).join("\n");
    expect(lines).toContain("withoutRowid: true");
    expect(lines).not.toContain("strict");
  });

  test("a difference is reported, destructive, with no operation: it is changed by hand", () => {
    const cases = [
      [plain, kv, "live none, declared WITHOUT ROWID, STRICT"],
      [kv, plain, "live WITHOUT ROWID, STRICT, declared none"],
      [tbl("kv", [key], { strict: true }), kv, "live STRICT, declared WITHOUT ROWID, STRICT"],
    ] as const;
    for (const [live, target, says] of cases) {
      expect(byHandChange(live, target)).toMatchObject({
        kind: "tableOptions",
        description: `table kv's options differ (${says}): change it by hand`,
        destructive: expect.stringContaining("copying every row"),
      });
    }
    const same = compareSchemas({
      live: snap([kv]),
      target: snap([kv]),
      declared: declaredFrom(snap([kv])),
    });
    expect(same.changes).toEqual([]);
  });

  test("a database without them refuses either plainly, never drops it", () => {
    const ddl = new RecordingDialect().ddl;
    for (const option of ["withoutRowid", "strict"] as const) {
      const definition = tableDefinition("t", {}, { [option]: true });
      expect(() => ddl.compile({ kind: "createTable", definition })).toThrow(
        `createTable t: ${option} is a SQLite table option; this database has no such option.`,
      );
    }
  });
});
