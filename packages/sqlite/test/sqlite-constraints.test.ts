import { type IndexDefinition, type Operation, type Operations, sql, t } from "@mig/core";
import { describe, expect, it } from "vitest";
import { freshDb, migrate, roundTrip, rows, table } from "./operations-helpers.js";
import { seeded, userRows, users } from "./seeded.js";

describe("indexes", () => {
  it.each<[string, IndexDefinition]>([
    ["unique multi-column", { name: "ux", columns: ["email", "age"], unique: true }],
    ["expression", { name: "ix_expr", columns: [sql("lower(email)")] }],
    ["partial", { name: "ix_part", columns: ["age"], where: "age > 18" }],
  ])("createIndex %s, reversed by dropIndex", async (_, index) => {
    const db = await seeded();
    const during = await roundTrip(db, {
      kind: "createIndex",
      table: users,
      index,
      concurrently: true,
    });
    const made = table(during, "users").indexes.find((i) => i.name === index.name);
    expect(made).toMatchObject({
      unique: index.unique === true,
      where: index.where ?? null,
    });
    expect(made?.columns).toEqual(
      index.columns.map((c) => (typeof c === "string" ? c : "lower(email)")),
    );
  });
});

describe("constraints (by table copy)", () => {
  it("createPrimaryKey on a table without one", async () => {
    const db = await freshDb();
    await migrate(db, (op) => op.createTable("k", { code: { type: "text", nullable: false } }));
    await migrate(db, (op) => op.bulkInsert("k", [{ code: "a" }, { code: "b" }]));
    const during = await roundTrip(db, {
      kind: "createPrimaryKey",
      table: { name: "k" },
      constraint: { name: "pk_k", columns: ["code"] },
    });
    expect(table(during, "k").primaryKey).toEqual({ name: "pk_k", columns: ["code"] });
    expect(await rows(db, "SELECT code FROM k ORDER BY code")).toEqual([
      { code: "a" },
      { code: "b" },
    ]);
  });

  it.each<[string, Operation]>([
    [
      "createForeignKey",
      {
        kind: "createForeignKey",
        table: users,
        constraint: {
          name: "fk_team2",
          columns: ["age"],
          references: { name: "teams" },
          referencedColumns: ["id"],
          onUpdate: "cascade",
        },
      },
    ],
    [
      "createUniqueConstraint",
      {
        kind: "createUniqueConstraint",
        table: users,
        constraint: { name: "uq_email", columns: ["email"] },
      },
    ],
    [
      "createCheckConstraint",
      {
        kind: "createCheckConstraint",
        table: users,
        constraint: { name: "ck_email", expression: "email LIKE '%@%'" },
      },
    ],
  ])("%s, reversed by dropConstraint", async (_, operation) => {
    const db = await seeded();
    const rowsBefore = await userRows(db);
    const during = table(await roundTrip(db, operation), "users");
    const names = [...during.foreignKeys, ...during.uniques, ...during.checks].map((c) => c.name);
    expect(names).toContain((operation as { constraint: { name: string } }).constraint.name);
    expect(await userRows(db)).toEqual(rowsBefore);
  });

  it.each<[string, Operation]>([
    [
      "primary",
      {
        kind: "dropConstraint",
        table: { name: "k" },
        name: "pk_k",
        type: "primary",
        existing: { type: "primary", name: "pk_k", columns: ["code"] },
      },
    ],
    [
      "foreign",
      {
        kind: "dropConstraint",
        table: { name: "k" },
        name: "fk_k",
        type: "foreign",
        existing: {
          type: "foreign",
          name: "fk_k",
          columns: ["team"],
          references: { name: "teams" },
          referencedColumns: ["id"],
        },
      },
    ],
    [
      "unique",
      {
        kind: "dropConstraint",
        table: { name: "k" },
        name: "uq_k",
        existing: { type: "unique", name: "uq_k", columns: ["label"] },
      },
    ],
    [
      "check",
      {
        kind: "dropConstraint",
        table: { name: "k" },
        name: "ck_k",
        existing: { type: "check", name: "ck_k", expression: "length(code) < 5" },
      },
    ],
  ])("dropConstraint %s, reversed by its create", async (type, operation) => {
    const db = await freshDb();
    await migrate(db, async (op) => {
      await op.createTable("teams", { id: { type: "integer", primaryKey: true } });
      await op.createTable(
        "k",
        {
          code: { type: "text", nullable: false },
          label: { type: "text" },
          team: { type: "integer" },
        },
        {
          primaryKey: { name: "pk_k", columns: ["code"] },
          uniques: [{ name: "uq_k", columns: ["label"] }],
          foreignKeys: [
            { name: "fk_k", columns: ["team"], references: "teams", referencedColumns: ["id"] },
          ],
          checks: [{ name: "ck_k", expression: "length(code) < 5" }],
        },
      );
      await op.bulkInsert("k", [{ code: "a", label: "x", team: null }]);
    });
    const during = table(await roundTrip(db, operation), "k");
    const left = {
      primary: during.primaryKey?.name,
      foreign: during.foreignKeys[0]?.name,
      unique: during.uniques[0]?.name,
      check: during.checks[0]?.name,
    };
    expect(left[type as keyof typeof left]).toBeUndefined();
    expect(await rows(db, "SELECT code, label FROM k")).toEqual([{ code: "a", label: "x" }]);
  });
});

describe("comments, raw SQL and data", () => {
  it("setTableComment runs no SQL: SQLite keeps no comments", async () => {
    const db = await seeded();
    const during = await roundTrip(db, {
      kind: "setTableComment",
      table: users,
      comment: "people",
      existing: null,
    });
    expect(table(during, "users").comment).toBeNull();
  });

  it("execute binds parameters; bulkInsert inserts rows", async () => {
    const db = await seeded();
    await migrate(db, async (op: Operations) => {
      await op.execute("UPDATE users SET age = ? WHERE email = ?", [41, "b@x"]);
      await op.bulkInsert("users", [{ email: "c@x", age: 5, team_id: 1 }]);
    });
    expect(await userRows(db)).toEqual([
      { id: 1, email: "a@x", age: 30, team_id: 1 },
      { id: 2, email: "b@x", age: 41, team_id: null },
      { id: 3, email: "c@x", age: 5, team_id: 1 },
    ]);
  });
});

describe("batch", () => {
  it("runs several changes as one copy, keeping rows, and reverses", async () => {
    const db = await seeded();
    const rowsBefore = await userRows(db);
    const operation: Operation = {
      kind: "batch",
      table: users,
      recreate: "auto",
      operations: [
        { kind: "addColumn", table: users, column: { name: "bio", type: "text", nullable: true } },
        {
          kind: "alterColumn",
          table: users,
          column: "email",
          changes: { newName: "mail", type: t.varchar(200) },
          existing: { type: t.varchar(100) },
        },
        {
          kind: "createUniqueConstraint",
          table: users,
          constraint: { name: "uq_mail", columns: ["mail"] },
        },
        { kind: "createIndex", table: users, index: { name: "ix_bio", columns: ["bio"] } },
      ],
    };
    const during = table(await roundTrip(db, operation), "users");
    expect(during.columns.map((c) => [c.name, c.type])).toEqual([
      ["id", "INTEGER"],
      ["mail", "VARCHAR(200)"],
      ["age", "INTEGER"],
      ["team_id", "INTEGER"],
      ["status", "TEXT"],
      ["bio", "TEXT"],
    ]);
    expect(during.uniques).toEqual([{ name: "uq_mail", columns: ["mail"] }]);
    expect(during.indexes.map((i) => i.name)).toEqual(["ix_bio", "ix_users_age"]);
    expect(await userRows(db)).toEqual(rowsBefore);
  });
});
