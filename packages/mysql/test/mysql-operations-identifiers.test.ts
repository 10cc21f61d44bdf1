import { type Operation, type TableDefinition, t, tableDefinition } from "@mig/core";
import { describe, expect, it } from "vitest";
import { offlineSql, table, useHarness } from "./operations-harness.js";

const h = useHarness("ids");

/** Names that would break out of naive quoting, reserved words, and non-ASCII. */
const weird = "we`ird \"t\" 'x' \\ b";
const col = "c`o \"l\" 'x' \\ n";
const fkName = "f`k 'x' \\";
const uniqueName = "u`'\"\\ q";
const checkName = 'c`k "1"';
const indexName = 'i`x "y" \\';

const parent = tableDefinition("select", { order: { type: "integer", primaryKey: true } });
const child: TableDefinition = tableDefinition(
  weird,
  {
    id: { type: "integer", primaryKey: true },
    [col]: { type: t.varchar(20), default: "a'b\\c`", comment: "it's `here` \\" },
    order: { type: "integer", references: { table: "select", column: "order", name: fkName } },
    naïve_表: { type: t.enum("e", ["ä'", "b\\", "`c`"]), nullable: false, default: "ä'" },
  },
  {
    uniques: [{ name: uniqueName, columns: [col, "naïve_表"] }],
    checks: [{ name: checkName, expression: "`order` > 0" }],
    indexes: [{ name: indexName, columns: ["order", col] }],
    comment: "table's `comment` \\",
  },
);

const create = (definition: TableDefinition): Operation => ({ kind: "createTable", definition });

describe("identifiers and literals that need quoting", () => {
  it("round-trip through createTable and the introspector", async () => {
    await h().run(create(parent));
    await h().roundTrip(create(child), (after) => {
      const made = after.tables.find((x) => x.name === weird)!;
      expect(made.comment).toBe("table's `comment` \\");
      expect(made.columns.map((c) => c.name)).toEqual(["id", col, "order", "naïve_表"]);
      expect(made.columns[1]).toMatchObject({ comment: "it's `here` \\" });
      expect(made.columns[3]!.type).toBe("enum('ä''','b\\\\','`c`')");
      expect(made.foreignKeys.map((f) => [f.name, f.referencedTable])).toEqual([
        [fkName, "select"],
      ]);
      expect(made.uniques).toEqual([{ name: uniqueName, columns: [col, "naïve_表"] }]);
      expect(made.checks.map((c) => c.name)).toEqual([checkName]);
      expect(made.indexes.map((i) => i.name)).toEqual([indexName]);
    });
  });

  it("are found by the lookups alterColumn and dropConstraint make", async () => {
    await h().run(create(parent), create(child));
    const weirdTable = table(weird);
    await h().roundTrip(
      { kind: "alterColumn", table: weirdTable, column: col, changes: { type: t.varchar(40) } },
      (after) => {
        const c = after.tables.find((x) => x.name === weird)!.columns[1]!;
        expect(c).toMatchObject({ type: "varchar(40)", comment: "it's `here` \\" });
      },
      { kind: "alterColumn", table: weirdTable, column: col, changes: { type: t.varchar(20) } },
    );
    for (const name of [fkName, uniqueName, checkName]) {
      const before = await h().snapshot();
      await h().run({ kind: "dropConstraint", table: weirdTable, name });
      expect(JSON.stringify(await h().snapshot())).not.toContain(JSON.stringify(name));
      expect(await h().snapshot()).not.toEqual(before);
    }
    await h().roundTrip(
      { kind: "dropIndex", name: indexName, table: weirdTable, existing: child.indexes[0] },
      (after) => expect(after.tables.find((x) => x.name === weird)!.indexes).toEqual([]),
    );
    await h().roundTrip({ kind: "renameTable", table: weirdTable, newName: "naïve_表" }, (after) =>
      expect(after.tables.map((x) => x.name)).toEqual(["naïve_表", "select"]),
    );
  });

  it("cannot smuggle in a statement, online or offline", async () => {
    await h().run(create(parent));
    const evil = "x`; DROP TABLE `select`; -- z";
    const definition = tableDefinition(evil, {
      [evil]: { type: "text", comment: "'; DROP TABLE `select`; -- \\" },
    });
    await h().run(create(definition));
    await h().run({
      kind: "setTableComment",
      table: table(evil),
      comment: "\\'; DROP TABLE x; --",
    });
    const names = (await h().snapshot()).tables.map((x) => x.name);
    expect(names).toEqual(["select", evil]);
    const script = await offlineSql((op) => op.invoke(create(definition)));
    expect(script).toBe(
      "CREATE TABLE `x``; DROP TABLE ``select``; -- z` (\n  `x``; DROP TABLE ``select``; -- z` TEXT NULL COMMENT '''; DROP TABLE `select`; -- \\\\'\n);\n\n",
    );
  });
});
