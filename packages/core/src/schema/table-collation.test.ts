import { describe, expect, test } from "vitest";
import { byHandChange } from "../../test/by-hand-change.js";
import { col, declaredFrom, snap, tbl } from "../../test/schema-fixtures.js";
import { RecordingDialect } from "../../test/test-dialect.js";
import { tableDefinition } from "../operations/operation-specs.js";
import { compareSchemas } from "./compare-schemas.js";
import { renderOperations } from "./render-operations.js";
import { renderSchemaModule } from "./render-schema-module.js";

// A MySQL/MariaDB table's default collation (it implies the character set).
const id = col("id", "int(11)", { nullable: false });
const legacy = tbl("legacy", [id], { collation: "utf8mb3_general_ci" });
const plain = tbl("legacy", [id]);

describe("table collation", () => {
  test("pull writes it in the table's options", () => {
    const module = renderSchemaModule(snap([legacy]));
    expect(module).toContain('collation: "utf8mb3_general_ci"');
    expect(renderSchemaModule(snap([plain]))).not.toContain("collation");
  });

  test("a created table's collation is a createTable option", () => {
    const lines = renderOperations([
      {
        kind: "createTable",
        definition: tableDefinition("legacy", {}, { collation: "latin1_swedish_ci" }),
      },
    ]);
    expect(lines.join("\n")).toContain('collation: "latin1_swedish_ci"');
  });

  test("a difference is reported, destructive, with no operation: it is changed by hand", () => {
    for (const [live, target] of [
      [plain, legacy],
      [legacy, plain],
    ] as const) {
      expect(byHandChange(live, target)).toMatchObject({
        kind: "tableCollation",
        destructive: expect.stringContaining("rewrites every row"),
      });
    }
    const same = compareSchemas({
      live: snap([legacy]),
      target: snap([legacy]),
      declared: declaredFrom(snap([legacy])),
    });
    expect(same.changes).toEqual([]);
  });

  test("a dialect without table collations refuses one plainly", () => {
    const dialect = new RecordingDialect();
    const definition = tableDefinition("t", {}, { collation: "C" });
    expect(() => dialect.ddl.compile({ kind: "createTable", definition })).toThrow(
      /no table collation/,
    );
  });
});
