import { defineSchema, t, table } from "@mig/core";
import { compareSchemas, renderSchemaModule } from "@mig/core/schema";
import { describe, expect, it } from "vitest";
import { dialect, useHarness } from "./operations-harness.js";

const h = useHarness("tcoll");

// A table in another character set than its database's, as sakila's utf8mb3 tables are.
const declare = (collation?: string) =>
  table(
    "legacy",
    {
      id: { type: "integer", primaryKey: true },
      name: { type: t.varchar(20) },
      code: { type: t.varchar(5), collation: "utf8mb3_bin" },
    },
    collation === undefined ? {} : { collation },
  );

describe("a table's default collation", () => {
  it("is pulled as collation, reads back equal when declared, and a change is reported", async () => {
    const db = h().db.name;
    await h().connection.execute(
      `ALTER DATABASE \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    await h().connection.execute(
      "CREATE TABLE legacy (id int NOT NULL, name varchar(20), code varchar(5) COLLATE utf8mb3_bin, PRIMARY KEY (id)) DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci",
    );
    const live = await h().snapshot();
    const legacy = live.tables[0]!;
    expect(legacy.collation).toBe("utf8mb3_general_ci");
    // Columns in the table's default say nothing; the one that differs keeps its own.
    expect(legacy.columns.map((c) => c.collation)).toEqual([null, null, "utf8mb3_bin"]);
    expect(renderSchemaModule(live)).toContain('collation: "utf8mb3_general_ci"');

    const same = declare("utf8mb3_general_ci");
    const target = await dialect.snapshotDeclared(h().connection, [same.definition]);
    expect(target).toEqual(live);
    const clean = compareSchemas({ live, target, declared: defineSchema([same]) });
    expect(clean.changes).toEqual([]);

    // Declared without one: the database default, which the live table is not in.
    const moved = declare();
    const goal = await dialect.snapshotDeclared(h().connection, [moved.definition]);
    expect(goal.tables[0]!.collation).toBeNull();
    const diff = compareSchemas({ live, target: goal, declared: defineSchema([moved]) });
    expect(diff.changes.map((c) => [c.kind, c.description])).toEqual([
      [
        "tableCollation",
        "table legacy's collation differs (live utf8mb3_general_ci, declared the database default): change it by hand",
      ],
    ]);
    expect(diff.upgrade).toEqual([]);
  });

  it("createTable writes COLLATE, and the table reads back in it", async () => {
    await h().run({ kind: "createTable", definition: declare("latin1_swedish_ci").definition });
    const [row] = await h().connection.query<{ c: string }>(
      "SELECT TABLE_COLLATION AS c FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'legacy'",
    );
    expect(row!.c).toBe("latin1_swedish_ci");
  });
});
