import { type Operation, sql, t, tableDefinition } from "@mig/core";
import { describe, expect, it } from "vitest";
import { freshDb, migrate, roundTrip, rows, snapshot, table } from "./operations-helpers.js";
import { seeded, userRows, users } from "./seeded.js";

describe("createTable and dropTable", () => {
  it("creates every portable type, defaults, keys, checks and indexes; the drop reverses it", async () => {
    const db = await freshDb();
    await migrate(db, (op) =>
      op.createTable("teams", { id: { type: "integer", primaryKey: true } }),
    );
    const definition = tableDefinition(
      "everything",
      {
        id: { type: "bigint", primaryKey: true, autoincrement: true },
        small: { type: "smallint" },
        int: { type: "integer", default: 7 },
        txt: { type: "text", default: "it's" },
        flag: { type: "boolean", nullable: false, default: true },
        r: { type: "real" },
        d: { type: "double" },
        day: { type: "date" },
        at: { type: "time" },
        ts: { type: "timestamp", default: sql("CURRENT_TIMESTAMP") },
        tstz: { type: "timestamptz" },
        j: { type: "json" },
        jb: { type: "jsonb" },
        u: { type: "uuid", unique: "uq_u" },
        b: { type: "blob" },
        v: { type: t.varchar(20) },
        c: { type: t.char(3) },
        n: { type: t.numeric(10, 2), default: sql("1 + 1") },
        e: { type: t.enum("mood", ["happy", "sad", "indifferent"]) },
        raw: { type: t.raw("DECIMAL(5)") },
        team: {
          type: "integer",
          references: { table: "teams", column: "id", onDelete: "cascade" },
        },
      },
      {
        checks: [{ name: "small_range", expression: "small BETWEEN 0 AND 10" }, "r >= 0"],
        uniques: [{ name: "uq_v_c", columns: ["v", "c"] }],
        indexes: [{ name: "ix_lower_v", columns: [sql("lower(v)")], where: "v IS NOT NULL" }],
        comment: "ignored on SQLite",
      },
    );
    const during = await roundTrip(db, { kind: "createTable", definition });
    const made = table(during, "everything");
    expect(made.columns.map((c) => [c.name, c.type])).toEqual([
      ["id", "INTEGER"],
      ["small", "SMALLINT"],
      ["int", "INTEGER"],
      ["txt", "TEXT"],
      ["flag", "BOOLEAN"],
      ["r", "REAL"],
      ["d", "DOUBLE"],
      ["day", "DATE"],
      ["at", "TIME"],
      ["ts", "DATETIME"],
      ["tstz", "DATETIME"],
      ["j", "JSON"],
      ["jb", "JSON"],
      ["u", "CHAR(36)"],
      ["b", "BLOB"],
      ["v", "VARCHAR(20)"],
      ["c", "CHAR(3)"],
      ["n", "NUMERIC(10, 2)"],
      ["e", "VARCHAR(11)"],
      ["raw", "DECIMAL(5)"],
      ["team", "INTEGER"],
    ]);
    expect(made.columns[0]).toMatchObject({ autoincrement: true, nullable: false });
    expect(made.columns.find((c) => c.name === "txt")?.default).toBe("'it''s'");
    expect(made.columns.find((c) => c.name === "flag")?.default).toBe("1");
    expect(made.columns.find((c) => c.name === "ts")?.default).toBe("CURRENT_TIMESTAMP");
    expect(made.columns.find((c) => c.name === "n")?.default).toBe("1 + 1");
    expect(made.primaryKey).toEqual({ name: null, columns: ["id"] });
    expect(made.uniques).toEqual([
      { name: "uq_u", columns: ["u"] },
      { name: "uq_v_c", columns: ["v", "c"] },
    ]);
    expect(made.foreignKeys).toEqual([
      {
        name: null,
        columns: ["team"],
        referencedTable: "teams",
        referencedColumns: ["id"],
        onDelete: "cascade",
        onUpdate: "no action",
      },
    ]);
    expect(made.checks).toEqual([
      { name: null, expression: "r >= 0" },
      { name: "small_range", expression: "small BETWEEN 0 AND 10" },
    ]);
    expect(made.indexes).toMatchObject([
      { name: "ix_lower_v", columns: ["lower(v)"], unique: false, where: "v IS NOT NULL" },
    ]);
    expect(made.comment).toBeNull();
  });

  it("autoincrement anywhere but a single integer primary key is a clear error", async () => {
    const db = await freshDb();
    const bad = migrate(db, (op) =>
      op.createTable("t", { id: { type: "integer", autoincrement: true }, x: { type: "text" } }),
    );
    await expect(bad).rejects.toMatchObject({ code: "sqlite_autoincrement" });
    const text = migrate(db, (op) =>
      op.createTable("t", { id: { type: "text", primaryKey: true, autoincrement: true } }),
    );
    await expect(text).rejects.toThrow(/INTEGER/);
  });

  it("dropTable with the table's definition is reversed by createTable", async () => {
    const db = await seeded();
    const existing = tableDefinition("pets", {
      id: { type: "integer", primaryKey: true },
      name: { type: "text", default: "rex" },
    });
    await migrate(db, (op) => op.invoke({ kind: "createTable", definition: existing }));
    const during = await roundTrip(db, { kind: "dropTable", table: { name: "pets" }, existing });
    expect(during.tables.map((x) => x.name)).toEqual(["teams", "users"]);
  });
});

describe("tables and columns", () => {
  it("renameTable", async () => {
    const db = await seeded();
    const during = await roundTrip(db, { kind: "renameTable", table: users, newName: "people" });
    expect(during.tables.map((x) => x.name)).toEqual(["people", "teams"]);
  });

  it("addColumn natively (nullable, or NOT NULL with a constant default) and by copy", async () => {
    const db = await seeded();
    const add = (column: Extract<Operation, { kind: "addColumn" }>["column"]) =>
      roundTrip(db, { kind: "addColumn", table: users, column });
    const nullable = await add({ name: "nick", type: "text", nullable: true });
    expect(table(nullable, "users").columns.at(-1)).toMatchObject({ name: "nick", nullable: true });
    const constant = await add({ name: "score", type: "integer", nullable: false, default: 0 });
    expect(table(constant, "users").columns.at(-1)).toMatchObject({
      default: "0",
      nullable: false,
    });
    const expression = await add({
      name: "joined",
      type: "timestamp",
      nullable: false,
      default: sql("CURRENT_TIMESTAMP"),
    });
    expect(table(expression, "users").columns.at(-1)).toMatchObject({
      name: "joined",
      default: "CURRENT_TIMESTAMP",
    });
    expect(await userRows(db)).toHaveLength(2);
  });

  it("dropColumn natively, and by copy when an index uses the column", async () => {
    const db = await seeded();
    const existing = { name: "status", type: "text" as const, nullable: true, default: "active" };
    const during = await roundTrip(db, {
      kind: "dropColumn",
      table: users,
      column: "status",
      existing,
    });
    expect(table(during, "users").columns.map((c) => c.name)).not.toContain("status");
    await migrate(db, async (op) => {
      await op.createIndex("ix_status", "users", ["status"]);
      await op.dropColumn("users", "status");
      await op.dropColumn("users", "team_id");
    });
    const after = table(await snapshot(db), "users");
    expect(after.columns.map((c) => c.name)).toEqual(["id", "email", "age"]);
    expect(after.indexes.map((i) => i.name)).toEqual(["ix_users_age"]);
    expect(after.foreignKeys).toEqual([]);
    expect(await rows(db, "SELECT email, age FROM users ORDER BY id")).toEqual([
      { email: "a@x", age: 30 },
      { email: "b@x", age: 40 },
    ]);
  });

  it.each<[string, Extract<Operation, { kind: "alterColumn" }>]>([
    [
      "type",
      {
        kind: "alterColumn",
        table: users,
        column: "age",
        changes: { type: "text" },
        existing: { type: "integer" },
      },
    ],
    [
      "nullable",
      {
        kind: "alterColumn",
        table: users,
        column: "age",
        changes: { nullable: false },
        existing: { nullable: true },
      },
    ],
    [
      "default set",
      {
        kind: "alterColumn",
        table: users,
        column: "age",
        changes: { default: 18 },
        existing: { default: null },
      },
    ],
    [
      "default drop",
      {
        kind: "alterColumn",
        table: users,
        column: "status",
        changes: { default: null },
        existing: { default: "active" },
      },
    ],
    ["rename", { kind: "alterColumn", table: users, column: "age", changes: { newName: "years" } }],
    [
      "comment",
      {
        kind: "alterColumn",
        table: users,
        column: "age",
        changes: { comment: "why" },
        existing: { comment: null },
      },
    ],
  ])("alterColumn %s keeps the rows and reverses", async (what, operation) => {
    const db = await seeded();
    const rowsBefore = await userRows(db);
    const during = table(await roundTrip(db, operation), "users");
    const column = (name: string) => during.columns.find((c) => c.name === name);
    if (what === "type") expect(column("age")?.type).toBe("TEXT");
    if (what === "nullable") expect(column("age")?.nullable).toBe(false);
    if (what === "default set") expect(column("age")?.default).toBe("18");
    if (what === "default drop") expect(column("status")?.default).toBeNull();
    if (what === "rename") {
      expect(column("years")).toBeDefined();
      expect(during.indexes[0]?.columns).toEqual(["years"]);
      expect(during.checks).toEqual([{ name: "age_positive", expression: "years > 0" }]);
    }
    expect(await userRows(db)).toEqual(rowsBefore);
    expect(during.foreignKeys[0]?.name).toBe("fk_team");
    expect(during.columns[0]?.autoincrement).toBe(true);
  });
});
