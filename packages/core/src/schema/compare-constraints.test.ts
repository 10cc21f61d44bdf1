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
import type { ForeignKeySnapshot, SchemaSnapshot } from "./schema-snapshot.js";

const id = col("id", "integer", { nullable: false });
const pk = (t: string) => ({ primaryKey: { name: `${t}_pkey`, columns: ["id"] } });
const fk = (
  name: string,
  column: string,
  to: string,
  onDelete = "no action",
): ForeignKeySnapshot => ({
  name,
  columns: [column],
  referencedTable: to,
  referencedColumns: ["id"],
  onDelete,
  onUpdate: "no action",
});

function diff(live: SchemaSnapshot, target: SchemaSnapshot, renames = {}) {
  const result = compareSchemas({ live, target, declared: declaredFrom(target, renames) });
  const up = Model.of(live).apply(result.upgrade);
  expect(up.normal()).toEqual(Model.of(target).normal());
  expect(up.apply(result.downgrade).normal()).toEqual(Model.of(live).normal());
  return result;
}

/** Without the round trip: for targets whose server-made names differ from the live ones. */
const compare = (live: SchemaSnapshot, target: SchemaSnapshot) =>
  compareSchemas({ live, target, declared: declaredUnnamed(target) });

describe("compareSchemas: constraints", () => {
  test("a new unique is created under the server's name, destructive; a dropped one carries existing", () => {
    const live = snap([
      tbl("u", [id, col("a", "text"), col("b", "text")], {
        uniques: [{ name: "u_a_key", columns: ["a"] }],
      }),
    ]);
    const target = snap([
      tbl("u", [id, col("a", "text"), col("b", "text")], {
        uniques: [{ name: "u_b_key", columns: ["b"] }],
      }),
    ]);
    const result = diff(live, target);
    expect(result.upgrade).toEqual([
      {
        kind: "dropConstraint",
        table: { name: "u" },
        name: "u_a_key",
        type: "unique",
        existing: { type: "unique", name: "u_a_key", columns: ["a"] },
      },
      {
        kind: "createUniqueConstraint",
        table: { name: "u" },
        constraint: { name: "u_b_key", columns: ["b"] },
      },
    ]);
    expect(result.changes.map((c) => [c.description, c.destructive])).toEqual([
      ["drop unique (a) on u", undefined],
      ["add unique (b) on u", "new unique constraint on u fails if existing rows hold duplicates"],
    ]);
  });

  test("a name difference counts only when the declaration names the constraint", () => {
    const live = snap([
      tbl("u", [id, col("a", "text")], { uniques: [{ name: "u_a_key", columns: ["a"] }] }),
    ]);
    const target = snap([
      tbl("u", [id, col("a", "text")], { uniques: [{ name: "u_a_unique", columns: ["a"] }] }),
    ]);
    const named = defineSchema([
      table("u", {
        id: { type: "integer", nullable: false },
        a: { type: "text", unique: "u_a_unique" },
      }),
    ]);
    const result = compareSchemas({ live, target, declared: named });
    expect(result.upgrade.map((o) => o.kind)).toEqual(["dropConstraint", "createUniqueConstraint"]);
    expect(result.changes[0]?.description).toBe(
      "re-create unique (a) on u (renamed to u_a_unique)",
    );
    const unnamed = defineSchema([
      table("u", { id: { type: "integer", nullable: false }, a: { type: "text", unique: true } }),
    ]);
    expect(compareSchemas({ live, target, declared: unnamed }).changes).toEqual([]);
  });

  test("checks match on the server's expression; a changed one is dropped and added", () => {
    const live = snap([
      tbl("u", [id], { checks: [{ name: "u_id_check", expression: "(id > 0)" }] }),
    ]);
    const same = snap([tbl("u", [id], { checks: [{ name: "u_check", expression: "(id > 0)" }] })]);
    expect(compare(live, same).changes).toEqual([]);
    const changed = snap([
      tbl("u", [id], { checks: [{ name: "u_id_check", expression: "(id > 1)" }] }),
    ]);
    expect(diff(live, changed).upgrade).toEqual([
      {
        kind: "dropConstraint",
        table: { name: "u" },
        name: "u_id_check",
        type: "check",
        existing: { type: "check", name: "u_id_check", expression: "(id > 0)" },
      },
      {
        kind: "createCheckConstraint",
        table: { name: "u" },
        constraint: { name: "u_id_check", expression: "(id > 1)" },
      },
    ]);
  });

  test("primary keys compare on columns", () => {
    const live = snap([tbl("u", [id, col("k", "integer", { nullable: false })], pk("u"))]);
    const target = snap([
      tbl("u", [id, col("k", "integer", { nullable: false })], {
        primaryKey: { name: "u_pkey", columns: ["id", "k"] },
      }),
    ]);
    expect(diff(live, target).upgrade).toEqual([
      {
        kind: "dropConstraint",
        table: { name: "u" },
        name: "u_pkey",
        type: "primary",
        existing: { type: "primary", name: "u_pkey", columns: ["id"] },
      },
      {
        kind: "createPrimaryKey",
        table: { name: "u" },
        constraint: { name: "u_pkey", columns: ["id", "k"] },
      },
    ]);
  });

  test("foreign keys match on columns and referenced table; changed actions re-create them", () => {
    const users = tbl("users", [id], pk("users"));
    const live = snap([
      users,
      tbl("posts", [id, col("uid", "integer")], {
        ...pk("posts"),
        foreignKeys: [fk("posts_uid_fkey", "uid", "users")],
      }),
    ]);
    const renamed = snap([
      users,
      tbl("posts", [id, col("uid", "integer")], {
        ...pk("posts"),
        foreignKeys: [fk("posts_uid_fkey1", "uid", "users")],
      }),
    ]);
    expect(compare(live, renamed).changes).toEqual([]);
    const cascade = snap([
      users,
      tbl("posts", [id, col("uid", "integer")], {
        ...pk("posts"),
        foreignKeys: [fk("posts_uid_fkey", "uid", "users", "cascade")],
      }),
    ]);
    const result = diff(live, cascade);
    expect(result.changes.map((c) => c.description)).toEqual([
      "re-create foreign key (uid) → users (id) on posts (its actions change)",
    ]);
    expect(result.upgrade.map((o) => o.kind)).toEqual(["dropConstraint", "createForeignKey"]);
  });

  test("foreign keys over a column whose type changes are dropped first and made again after", () => {
    const live = snap([
      tbl("users", [id], pk("users")),
      tbl("posts", [id, col("uid", "integer")], {
        ...pk("posts"),
        foreignKeys: [fk("posts_uid_fkey", "uid", "users")],
      }),
    ]);
    const target = snap([
      tbl("users", [col("id", "bigint", { nullable: false })], pk("users")),
      tbl("posts", [id, col("uid", "bigint")], {
        ...pk("posts"),
        foreignKeys: [fk("posts_uid_fkey", "uid", "users")],
      }),
    ]);
    expect(
      diff(live, target).upgrade.map((o) => `${o.kind} ${"table" in o ? o.table?.name : ""}`),
    ).toEqual([
      "dropConstraint posts",
      "alterColumn posts",
      "alterColumn users",
      "createForeignKey posts",
    ]);
  });

  test("a declared column rename keeps the keys and indexes on it", () => {
    const live = snap([
      tbl("users", [id], pk("users")),
      tbl("posts", [id, col("author", "integer")], {
        ...pk("posts"),
        foreignKeys: [fk("posts_author_fkey", "author", "users")],
        indexes: [idx("posts_by", ["author"])],
        checks: [{ name: "posts_author_check", expression: "(author > 0)" }],
      }),
    ]);
    const target = snap([
      tbl("users", [id], pk("users")),
      tbl("posts", [id, col("user_id", "integer")], {
        ...pk("posts"),
        foreignKeys: [fk("posts_author_fkey", "user_id", "users")],
        indexes: [idx("posts_by", ["user_id"])],
        checks: [{ name: "posts_author_check", expression: "(user_id > 0)" }],
      }),
    ]);
    const result = compareSchemas({
      live,
      target,
      declared: declaredFrom(target, { posts: { columns: { user_id: "author" } } }),
    });
    expect(result.upgrade.map((o) => o.kind)).toEqual(["alterColumn"]);
  });

  test("a declared table rename keeps foreign keys that point at it", () => {
    const live = snap([
      tbl("people", [id], pk("people")),
      tbl("posts", [id, col("uid", "integer")], {
        ...pk("posts"),
        foreignKeys: [fk("posts_uid_fkey", "uid", "people")],
      }),
    ]);
    const target = snap([
      tbl("users", [id], pk("people")),
      tbl("posts", [id, col("uid", "integer")], {
        ...pk("posts"),
        foreignKeys: [fk("posts_uid_fkey", "uid", "users")],
      }),
    ]);
    expect(diff(live, target, { users: { table: "people" } }).upgrade).toEqual([
      { kind: "renameTable", table: { name: "people" }, newName: "users" },
    ]);
  });
});

describe("compareSchemas: two uniques over the same columns", () => {
  const twins = (names: string[]) =>
    snap([
      tbl("t", [id, col("c2", "text")], {
        uniques: names.map((name) => ({ name, columns: ["c2"] })),
      }),
    ]);

  test("a unique index and a named unique over one column are clean against themselves", () => {
    const s = twins(["t_ix", "t_uq4"]);
    const result = compareSchemas({ live: s, target: s, declared: declaredFrom(s) });
    expect(result.changes).toEqual([]);
    expect(result.upgrade).toEqual([]);
  });

  test("they match by name first, whatever order the server lists them in", () => {
    const result = diff(twins(["t_uq4", "t_ix"]), twins(["t_ix", "t_uq4"]));
    expect(result.changes).toEqual([]);
  });

  test("one live unique never stands for two declared ones", () => {
    const result = diff(twins(["t_ix"]), twins(["t_ix", "t_uq4"]));
    expect(result.changes.map((c) => c.description)).toEqual(["add unique (c2) on t"]);
  });
});

describe("compareSchemas: constraints the server leaves unnamed (SQLite)", () => {
  test("one made on an existing table gets a name, so the downgrade can drop it", () => {
    const live = snap([tbl("u", [id, col("a", "text")])]);
    const target = snap([
      tbl("u", [id, col("a", "text")], { uniques: [{ name: null, columns: ["a"] }] }),
    ]);
    const result = compare(live, target);
    expect(result.upgrade).toEqual([
      {
        kind: "createUniqueConstraint",
        table: { name: "u" },
        constraint: { name: "u_a_key", columns: ["a"] },
      },
    ]);
    expect(result.downgrade).toMatchObject([
      { kind: "dropConstraint", name: "u_a_key", type: "unique" },
    ]);
    expect(result.warnings).toEqual([]);
  });

  test("one to drop goes by its definition, under a made-up name", () => {
    const live = snap([
      tbl("u", [id, col("a", "text")], { checks: [{ name: null, expression: "a <> ''" }] }),
    ]);
    const result = compare(live, snap([tbl("u", [id, col("a", "text")])]));
    expect(result.upgrade).toEqual([
      {
        kind: "dropConstraint",
        table: { name: "u" },
        name: "u_check",
        type: "check",
        existing: { type: "check", expression: "a <> ''", name: undefined },
      },
    ]);
    expect(result.downgrade).toEqual([expect.objectContaining({ kind: "createCheckConstraint" })]);
    expect(result.changes.map((c) => c.description)).toEqual(["drop check a <> '' on u"]);
    expect(result.warnings).toEqual([]);
  });

  test("an unnamed key of a dropped table that blocks another drop goes first, by definition", () => {
    const live = snap([
      tbl("users", [id, col("code", "integer")], {
        ...pk("users"),
        uniques: [{ name: null, columns: ["code"] }],
      }),
      tbl("tags", [id, col("code", "integer")], {
        foreignKeys: [{ ...fk("x", "code", "users"), name: null, referencedColumns: ["code"] }],
      }),
    ]);
    const target = snap([tbl("users", [id], pk("users"))]);
    const result = diff(live, target);
    expect(result.warnings).toEqual([]);
    expect(result.upgrade[0]).toMatchObject({
      kind: "dropConstraint",
      name: "tags_code_fkey",
      type: "foreign",
      existing: { columns: ["code"], referencedColumns: ["code"], name: undefined },
    });
  });
});

describe("compareSchemas: keys in the way of other changes", () => {
  const users = (extra = {}) =>
    tbl("users", [id, col("code", "text")], { ...pk("users"), ...extra });
  const posts = tbl("posts", [id, col("uid", "integer")], {
    ...pk("posts"),
    foreignKeys: [fk("posts_uid_fkey", "uid", "users")],
  });

  test("a key into a primary key that is re-created under a declared name goes first", () => {
    const live = snap([users(), posts]);
    const target = snap([users({ primaryKey: { name: "users_pk", columns: ["id"] } }), posts]);
    const result = diff(live, target);
    expect(result.upgrade.map((o) => `${o.kind} ${"name" in o ? o.name : ""}`)).toEqual([
      "dropConstraint posts_uid_fkey",
      "dropConstraint users_pkey",
      "createPrimaryKey ",
      "createForeignKey ",
    ]);
  });

  test("a dropped table's key into a column that is dropped goes before the column", () => {
    const live = snap([
      tbl("users", [id, col("code", "integer", { nullable: false })], {
        ...pk("users"),
        uniques: [{ name: "users_code_key", columns: ["code"] }],
      }),
      tbl("tags", [id, col("code", "integer")], {
        foreignKeys: [{ ...fk("tags_code_fkey", "code", "users"), referencedColumns: ["code"] }],
      }),
    ]);
    const target = snap([tbl("users", [id], pk("users"))]);
    expect(diff(live, target).upgrade.map((o) => `${o.kind} ${"name" in o ? o.name : ""}`)).toEqual(
      [
        "dropConstraint tags_code_fkey",
        "dropConstraint users_code_key",
        "dropColumn ",
        "dropTable ",
      ],
    );
  });
});
