import { describe, expect, test } from "vitest";
import { col, declaredFrom, Model, snap, tbl } from "../../test/schema-fixtures.js";
import { t } from "../operations/column-type.js";
import { sql } from "../operations/sql-expression.js";
import { compareSchemas } from "./compare-schemas.js";
import { defineSchema, table } from "./declare-schema.js";
import type { ColumnSnapshot, SchemaSnapshot } from "./schema-snapshot.js";

const id = col("id", "integer", { nullable: false });

function diff(live: SchemaSnapshot, target: SchemaSnapshot, renames = {}) {
  const result = compareSchemas({ live, target, declared: declaredFrom(target, renames) });
  const up = Model.of(live).apply(result.upgrade);
  expect(up.normal()).toEqual(Model.of(target).normal());
  expect(up.apply(result.downgrade).normal()).toEqual(Model.of(live).normal());
  return result;
}

const one = (...columns: ColumnSnapshot[]) => snap([tbl("users", columns)]);

describe("compareSchemas: columns", () => {
  test("add, alter and drop, in that order, each reversible", () => {
    const live = one(id, col("name", "text"), col("age", "integer", { default: "0" }));
    const target = one(
      id,
      col("age", "bigint", { nullable: false, default: "1", comment: "years" }),
      col("email", "character varying(255)", { nullable: false, default: "''::character varying" }),
    );
    const result = diff(live, target);
    expect(result.changes.map((c) => [c.kind, c.description, c.destructive])).toEqual([
      [
        "addColumn",
        "add column users.email character varying(255) not null default ''::character varying",
        undefined,
      ],
      [
        "alterColumn",
        "alter column users.age: type integer → bigint, not null, default 0 → 1, comment",
        // Nullable before: a row may hold NULL, which no default fills.
        "sets NOT NULL on users.age: fails if a row holds NULL (the default fills only new rows; UPDATE those first)",
      ],
      ["dropColumn", "drop column users.name", "drops column users.name and its data"],
    ]);
    expect(result.upgrade[1]).toEqual({
      kind: "alterColumn",
      table: { name: "users" },
      column: "age",
      changes: { type: t.raw("bigint"), nullable: false, default: sql("1"), comment: "years" },
      existing: {
        type: t.raw("integer"),
        nullable: true,
        default: sql("0"),
        comment: null,
        autoincrement: false,
      },
    });
    expect(result.downgrade.map((o) => o.kind)).toEqual(["addColumn", "alterColumn", "dropColumn"]);
  });

  test("upgrade operations read as declared (t.varchar), comparison uses the snapshots", () => {
    const live = one(id, col("email", "character varying(50)"));
    const target = one(id, col("email", "character varying(255)"));
    const declared = defineSchema([
      table("users", { id: { type: "integer", nullable: false }, email: { type: t.varchar(255) } }),
    ]);
    const result = compareSchemas({ live, target, declared });
    expect(result.upgrade).toMatchObject([
      {
        kind: "alterColumn",
        changes: { type: t.varchar(255) },
        existing: { type: t.raw("character varying(50)") },
      },
    ]);
    expect(result.changes[0]?.destructive).toBeUndefined();
  });

  test("narrowing types and NOT NULL without a default are destructive", () => {
    const cases: [string, string, boolean][] = [
      ["character varying(255)", "character varying(50)", true],
      ["bigint", "integer", true],
      ["text", "character varying(20)", true],
      ["numeric(10,2)", "numeric(8,2)", true],
      ["integer", "bigint", false],
      ["character varying(50)", "text", false],
    ];
    for (const [from, to, narrow] of cases) {
      const result = diff(one(id, col("v", from)), one(id, col("v", to)));
      const reason = result.changes[0]?.destructive;
      if (narrow)
        expect(reason).toBe(
          `users.v narrows the type ${from} → ${to}: values that do not fit fail or are cut`,
        );
      else expect(reason).toBeUndefined();
    }
    const nn = diff(one(id, col("v", "text")), one(id, col("v", "text", { nullable: false })));
    expect(nn.changes[0]?.destructive).toBe(
      "sets NOT NULL on users.v without a default: fails if a row holds NULL",
    );
    const withDefault = diff(
      one(id, col("v", "text")),
      one(id, col("v", "text", { nullable: false, default: "'x'::text" })),
    );
    // A default does not fill the rows that hold NULL (PostgreSQL, MySQL, a SQLite copy).
    expect(withDefault.changes[0]?.destructive).toBe(
      "sets NOT NULL on users.v: fails if a row holds NULL (the default fills only new rows; UPDATE those first)",
    );
    const added = diff(one(id), one(id, col("v", "text", { nullable: false })));
    expect(added.changes[0]?.destructive).toBe(
      "adds NOT NULL column users.v without a default: fails if the table has rows",
    );
  });

  test("identity, generated, collation changes are a drop and an add, destructive", () => {
    const cases: [Partial<ColumnSnapshot>, string][] = [
      [{ identity: "always", autoincrement: true }, "identity"],
      [{ generated: { expression: "(id * 2)", stored: true } }, "generated expression"],
      [{ collation: "C" }, "collation"],
    ];
    for (const [extra, what] of cases) {
      const result = diff(one(id, col("v", "integer")), one(id, col("v", "integer", extra)));
      expect(result.upgrade.map((o) => o.kind)).toEqual(["dropColumn", "addColumn"]);
      expect(result.changes[0]?.destructive).toBe(
        `the ${what} of users.v cannot be altered: the column is dropped and added again, its data is lost`,
      );
    }
  });

  test("a declared column rename is an alterColumn with newName, with its other changes", () => {
    const live = one(id, col("name", "text"));
    const target = one(id, col("full_name", "text", { nullable: false, default: "''::text" }));
    const result = diff(live, target, { users: { columns: { full_name: "name" } } });
    expect(result.upgrade).toEqual([
      {
        kind: "alterColumn",
        table: { name: "users" },
        column: "name",
        changes: { nullable: false, default: sql("''::text"), newName: "full_name" },
        existing: {
          type: t.raw("text"),
          nullable: true,
          default: null,
          comment: null,
          autoincrement: false,
        },
      },
    ]);
    expect(result.changes[0]).toMatchObject({
      kind: "renameColumn",
      description: "rename column users.name → full_name: not null, default none → ''::text",
    });
  });

  test("a dropped and an added column of one type get a rename hint", () => {
    const result = diff(one(id, col("name", "text")), one(id, col("full_name", "text")));
    const hint = 'looks like a rename of users.name → users.full_name: declare renamedFrom: "name"';
    expect(result.changes.map((c) => c.renameHint)).toEqual([hint, hint]);
    const other = diff(one(id, col("name", "text")), one(id, col("n", "integer")));
    expect(other.changes.map((c) => c.renameHint)).toEqual([undefined, undefined]);
  });
});

describe("compareSchemas: type text and case", () => {
  const typed = (type: string) => one(id, col("name", type));
  const kinds = (live: string, target: string) =>
    compareSchemas({
      live: typed(live),
      target: typed(target),
      declared: declaredFrom(typed(target)),
    }).changes.map((c) => c.description);

  test("a type differing only in case is the same (SQLite keeps the declared case)", () => {
    expect(kinds("NVARCHAR(160)", "nvarchar(160)")).toEqual([]);
    expect(kinds("Numeric(10, 2)", "NUMERIC(10, 2)")).toEqual([]);
  });

  test("quoted parts stay exact: a PostgreSQL quoted type name, a MySQL enum value", () => {
    expect(kinds(`"Mood"`, `"mood"`)).toEqual([`alter column users.name: type "Mood" → "mood"`]);
    expect(kinds("enum('A','b')", "ENUM('a','b')")).toEqual([
      "alter column users.name: type enum('A','b') → ENUM('a','b')",
    ]);
    expect(kinds("ENUM('A','b')", "enum('A','b')")).toEqual([]);
  });
});
