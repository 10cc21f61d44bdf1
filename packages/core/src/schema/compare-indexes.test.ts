import { describe, expect, test } from "vitest";
import {
  col,
  declaredFrom,
  declaredUnnamed,
  idx,
  Model,
  snap,
  tbl,
} from "../../test/schema-fixtures.js";
import { compareSchemas } from "./compare-schemas.js";
import { defineSchema, table } from "./declare-schema.js";
import type { IndexSnapshot, SchemaSnapshot } from "./schema-snapshot.js";

const id = col("id", "integer", { nullable: false });

function diff(live: SchemaSnapshot, target: SchemaSnapshot) {
  const result = compareSchemas({ live, target, declared: declaredFrom(target) });
  const up = Model.of(live).apply(result.upgrade);
  expect(up.normal()).toEqual(Model.of(target).normal());
  expect(up.apply(result.downgrade).normal()).toEqual(Model.of(live).normal());
  return result;
}

/** Without the round trip: for targets whose names differ from the live ones. */
const compare = (live: SchemaSnapshot, target: SchemaSnapshot) =>
  compareSchemas({ live, target, declared: declaredUnnamed(target) });

describe("compareSchemas: indexes", () => {
  const base = (indexes: ReturnType<typeof idx>[]) =>
    snap([tbl("u", [id, col("a", "text"), col("b", "text")], { indexes })]);

  test("a new partial index is described with its condition", () => {
    const partial = { ...idx("u_a_live", ["a"]), where: "(b IS NOT NULL)" };
    const table = (indexes: IndexSnapshot[]) =>
      snap([tbl("u", [id, col("a", "text"), col("b", "text")], { indexes })]);
    expect(diff(table([]), table([partial])).changes.map((c) => c.description)).toEqual([
      "add index u_a_live on u (a) where (b IS NOT NULL)",
    ]);
  });

  test("match by name, then by definition", () => {
    expect(diff(base([idx("u_a", ["a"])]), base([idx("u_a", ["a"])])).changes).toEqual([]);
    expect(compare(base([idx("u_a", ["a"])]), base([idx("a_idx", ["a"])])).changes).toEqual([]);
  });

  test("a changed definition drops and re-creates; new and removed ones are made and dropped", () => {
    const result = diff(
      base([idx("u_a", ["a"]), idx("u_b", ["b"])]),
      base([idx("u_a", ["a", "b"], true), idx("u_ab", ["b", "a"])]),
    );
    expect(result.upgrade).toMatchObject([
      {
        kind: "dropIndex",
        name: "u_a",
        table: { name: "u" },
        existing: { name: "u_a", columns: ["a"] },
      },
      { kind: "dropIndex", name: "u_b", table: { name: "u" }, existing: { name: "u_b" } },
      { kind: "createIndex", index: { name: "u_a", columns: ["a", "b"], unique: true } },
      { kind: "createIndex", index: { name: "u_ab", columns: ["b", "a"] } },
    ]);
    expect(result.changes.map((c) => [c.description, c.destructive])).toEqual([
      [
        "re-create index u_a on u (its definition changes)",
        "new unique index u_a on u fails if existing rows hold duplicates",
      ],
      ["drop index u_b on u", undefined],
      ["add index u_ab on u (b, a)", undefined],
    ]);
  });

  test("an index over a column dropped and added again is re-created around it", () => {
    const live = base([idx("u_a", ["a"])]);
    const target = snap([
      tbl("u", [id, col("a", "text", { collation: "C" }), col("b", "text")], {
        indexes: [idx("u_a", ["a"])],
      }),
    ]);
    expect(diff(live, target).upgrade.map((o) => o.kind)).toEqual([
      "dropIndex",
      "dropColumn",
      "addColumn",
      "createIndex",
    ]);
  });
});

test("a unique index the server reads as a unique constraint (MySQL) is made as declared", () => {
  const live = snap([tbl("u", [id, col("a", "text")])]);
  const target = snap([
    tbl("u", [id, col("a", "text")], { uniques: [{ name: "u_a_uq", columns: ["a"] }] }),
  ]);
  const declared = defineSchema([
    table(
      "u",
      { id: { type: "integer", nullable: false }, a: { type: "text" } },
      {
        indexes: [{ name: "u_a_uq", columns: ["a"], unique: true }],
      },
    ),
  ]);
  const result = compareSchemas({ live, target, declared });
  expect(result.upgrade).toEqual([
    {
      kind: "createIndex",
      table: { name: "u" },
      index: { name: "u_a_uq", columns: ["a"], unique: true },
    },
  ]);
  expect(result.downgrade).toMatchObject([{ kind: "dropIndex", name: "u_a_uq" }]);
});
