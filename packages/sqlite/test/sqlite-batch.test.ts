import { OnlineExecutor, type Operations, sql, t } from "@mig/core";
import { describe, expect, it } from "vitest";
import {
  type Db,
  freshDb,
  migrate,
  migrateWithoutTransaction,
  offlineSql,
  roundTrip,
  rows,
  snapshot,
  table,
} from "./operations-helpers.js";

/** teams <- members (ON DELETE CASCADE), on a connection with foreign keys on. */
async function family(): Promise<Db> {
  const db = await freshDb({ foreignKeys: true });
  await migrate(db, async (op) => {
    await op.createTable("teams", {
      id: { type: "integer", primaryKey: true },
      name: { type: t.varchar(10) },
    });
    await op.createTable("members", {
      id: { type: "integer", primaryKey: true },
      team_id: {
        type: "integer",
        references: { table: "teams", column: "id", onDelete: "cascade" },
      },
      other: { type: "integer" },
    });
    await op.bulkInsert("teams", [
      { id: 1, name: "red" },
      { id: 2, name: "blue" },
    ]);
    await op.bulkInsert("members", [
      { id: 10, team_id: 1, other: 99 },
      { id: 11, team_id: 2, other: 1 },
    ]);
  });
  return db;
}

const fkPragma = async (db: Db) => (await rows(db, "PRAGMA foreign_keys"))[0]?.foreign_keys;
const memberCount = async (db: Db) => (await rows(db, "SELECT count(*) AS n FROM members"))[0]?.n;

const alterParent = (op: Operations) =>
  op.batchAlterTable("teams", (b) => {
    b.alterColumn("name", { type: "text", nullable: false, existing: { type: t.varchar(10) } });
    b.addColumn("color", { type: "text" });
  });

const danglingForeignKey = (op: Operations) =>
  op.createForeignKey("fk_other", "members", "teams", ["other"], ["id"]);

describe("batch copy with foreign keys on", () => {
  it("keeps child rows that cascade from the copied table, and enforcement after", async () => {
    const db = await family();
    await migrate(db, alterParent);
    expect(await memberCount(db)).toBe(2);
    expect(table(await snapshot(db), "teams").columns.map((c) => c.name)).toEqual([
      "id",
      "name",
      "color",
    ]);
    expect(await fkPragma(db)).toBe(1);
    await expect(
      db.connection.execute("INSERT INTO members (team_id) VALUES (42)"),
    ).rejects.toThrow(/FOREIGN KEY/);
    await db.connection.execute("DELETE FROM teams WHERE id = 1");
    expect(await memberCount(db)).toBe(1);
  });

  it("fails a migration that leaves a dangling foreign key, naming the table, and rolls back", async () => {
    const db = await family();
    const before = await snapshot(db);
    const error = await migrate(db, danglingForeignKey).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "sqlite_foreign_key_violation" });
    expect((error as Error).message).toMatch(/"members" -> "teams" \(1 row\)/);
    expect(await snapshot(db)).toEqual(before);
    expect(await fkPragma(db)).toBe(1);
  });

  it("outside a transaction (transactional = false) the copy is its own checked transaction", async () => {
    const db = await family();
    await migrateWithoutTransaction(db, alterParent);
    expect(await memberCount(db)).toBe(2);
    expect(await fkPragma(db)).toBe(1);
    const before = await snapshot(db);
    const error = await migrateWithoutTransaction(db, danglingForeignKey).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "sqlite_foreign_key_violation" });
    expect(await snapshot(db)).toEqual(before);
    expect(db.connection.inTransaction).toBe(false);
    expect(await fkPragma(db)).toBe(1);
  });

  it("outside a transaction with foreign keys off, a failed copy leaves nothing behind", async () => {
    const db = await freshDb();
    await migrate(db, async (op) => {
      await op.createTable("t", { id: { type: "integer", primaryKey: true }, v: { type: "text" } });
      await op.bulkInsert("t", [{ id: 1, v: null }]);
    });
    const before = await snapshot(db);
    const failing = migrateWithoutTransaction(db, (op) =>
      op.alterColumn("t", "v", { nullable: false }),
    );
    await expect(failing).rejects.toThrow(/NOT NULL/);
    expect(await snapshot(db)).toEqual(before);
    await migrateWithoutTransaction(db, (op) => op.alterColumn("t", "v", { default: "x" }));
    expect(table(await snapshot(db), "t").columns[1]?.default).toBe("'x'");
    expect(db.connection.inTransaction).toBe(false);
  });
});

describe("batch recreate", () => {
  it("a view that reads the copied table survives the copy, online and in replayed --sql", async () => {
    const setUp = async (op: Operations) => {
      await op.createTable("items", {
        id: { type: "integer", primaryKey: true },
        name: { type: "text" },
      });
      await op.execute("CREATE VIEW named AS SELECT id, name FROM items");
    };
    const change = (op: Operations) => op.alterColumn("items", "name", { nullable: false });
    const db = await freshDb();
    await migrate(db, setUp);
    await migrate(db, (op) => op.bulkInsert("items", [{ id: 1, name: "a" }]));
    // It failed with "error in view named: no such table: main.items".
    await migrate(db, change);
    expect(await db.connection.query("SELECT * FROM named")).toEqual([{ id: 1, name: "a" }]);
    expect(await db.connection.query("PRAGMA legacy_alter_table")).toEqual([
      { legacy_alter_table: 0 },
    ]);
    const replay = await freshDb();
    await replay.connection.execute(
      await offlineSql(async (op) => {
        await setUp(op);
        await change(op);
      }),
    );
    expect(await replay.connection.query("SELECT * FROM named")).toEqual([]);
  });

  it("a view the change breaks (it reads a dropped column) fails the migration, naming it", async () => {
    const db = await freshDb();
    await migrate(db, async (op) => {
      await op.createTable("items", {
        id: { type: "integer", primaryKey: true },
        name: { type: "text" },
        note: { type: "text" },
      });
      await op.execute("CREATE VIEW noted AS SELECT id, note FROM items");
    });
    // Copied (recreate: "always"; a plain dropColumn is SQLite's own DROP COLUMN, which says so itself).
    const error = await migrate(db, (op) =>
      op.batchAlterTable("items", (b) => b.dropColumn("note"), { recreate: "always" }),
    ).catch((e) => e);
    expect(error.code).toBe("sqlite_view_broken");
    expect(error.message).toBe(
      "View noted no longer works after this change to table items: no such column: note.",
    );
    expect(error.hint).toContain('op.execute("DROP VIEW noted")');
    // Rolled back: the column is still there, the view works, the connection renames as before.
    expect(table(await snapshot(db), "items").columns.map((c) => c.name)).toEqual([
      "id",
      "name",
      "note",
    ]);
    expect(await db.connection.query("SELECT * FROM noted")).toEqual([]);
    expect(await db.connection.query("PRAGMA legacy_alter_table")).toEqual([
      { legacy_alter_table: 0 },
    ]);
  });

  it("a copy keeps the table's triggers; a view broken before the migration does not stop it", async () => {
    const db = await freshDb();
    await migrate(db, async (op) => {
      await op.createTable("items", {
        id: { type: "integer", primaryKey: true },
        name: { type: "text" },
      });
      await op.createTable("audit", { name: { type: "text" } });
      await op.execute(
        "CREATE TRIGGER items_audit AFTER UPDATE ON items BEGIN INSERT INTO audit VALUES (new.name); END",
      );
      await op.createTable("gone", { id: { type: "integer" } });
      await op.execute("CREATE VIEW stale AS SELECT id FROM gone");
      await op.execute("DROP TABLE gone");
      await op.bulkInsert("items", [{ id: 1, name: "a" }]);
    });
    // It dropped the trigger without a word; and the stale view failed the copy.
    await migrate(db, (op) => op.alterColumn("items", "name", { nullable: false }));
    expect(
      await db.connection.query("SELECT name FROM sqlite_master WHERE type = 'trigger'"),
    ).toEqual([{ name: "items_audit" }]);
    await db.connection.execute("UPDATE items SET name = 'b'");
    expect(await db.connection.query("SELECT name FROM audit")).toEqual([{ name: "b" }]);
  });

  it('"never" refuses a change that needs a copy; "always" copies anyway', async () => {
    const db = await family();
    const never = migrate(db, (op) =>
      op.batchAlterTable("teams", (b) => b.alterColumn("name", { type: "text" }), {
        recreate: "never",
      }),
    );
    await expect(never).rejects.toMatchObject({ code: "sqlite_batch_recreate_never" });
    const exec = new OnlineExecutor(db.dialect, db.connection);
    await db.connection.begin();
    await db.dialect.runOperation(
      {
        kind: "batch",
        table: { name: "teams" },
        recreate: "always",
        operations: [
          {
            kind: "createIndex",
            table: { name: "teams" },
            index: { name: "ix_n", columns: ["name"] },
          },
        ],
      },
      { executor: exec, knownTable: () => undefined },
    );
    await db.connection.commit();
    expect(exec.statements.some((s) => s.includes('"_mig_tmp_teams"'))).toBe(true);
    expect(table(await snapshot(db), "teams").indexes.map((i) => i.name)).toEqual(["ix_n"]);
    expect(await memberCount(db)).toBe(2);
  });
});

/** A run of many operations, all on tables it created, so `--sql` can do the batches too. */
async function script(op: Operations): Promise<void> {
  await op.createTable("teams", { id: { type: "integer", primaryKey: true } });
  await op.createTable("users", {
    id: { type: "bigint", primaryKey: true, autoincrement: true },
    email: { type: t.varchar(50), nullable: false },
    age: { type: "integer", default: 1 },
    made: { type: "timestamp", default: sql("CURRENT_TIMESTAMP") },
    nick: { type: "text" },
  });
  await op.createIndex("ix_lower", "users", [sql("lower(email)")], { where: "age > 0" });
  await op.bulkInsert("teams", [{ id: 1 }]);
  await op.addColumn("users", "team_id", { type: "integer" });
  await op.alterColumn("users", "age", { type: "text", nullable: false, default: "0" });
  await op.createUniqueConstraint("uq_email", "users", ["email"]);
  await op.createCheckConstraint("ck_age", "users", "age <> ''");
  await op.createForeignKey("fk_team", "users", "teams", ["team_id"], ["id"], {
    onDelete: "set null",
  });
  await op.dropConstraint("uq_email", "users");
  await op.batchAlterTable(
    "users",
    (b) => {
      b.dropColumn("nick");
      b.alterColumn("email", { newName: "mail" });
      b.createIndex("ix_mail", ["mail"], { unique: true });
    },
    { recreate: "always" },
  );
  await op.createTable("scratch", { a: { type: "integer" }, b: { type: "text" } });
  await op.dropColumn("scratch", "b");
  await op.renameTable("scratch", "scratch2");
  await op.dropIndex("ix_lower", { table: "users" });
  await op.execute("INSERT INTO scratch2 (a) VALUES (?)", [5]);
}

describe("offline (--sql)", () => {
  it("writes SQL that builds the same schema as the online run", async () => {
    const online = await freshDb();
    await migrate(online, script);
    const text = await offlineSql(script);
    expect(text).toContain('CREATE TABLE "_mig_tmp_users"');
    const replay = await freshDb();
    await replay.connection.execute(text);
    expect(await snapshot(replay)).toEqual(await snapshot(online));
    expect(await rows(replay, "SELECT a FROM scratch2")).toEqual([{ a: 5 }]);
  });

  it("a batch on a table the run does not know needs copyFrom", async () => {
    const unknown = offlineSql((op) => op.alterColumn("elsewhere", "x", { nullable: false }));
    await expect(unknown).rejects.toMatchObject({ code: "sqlite_batch_offline" });
    await expect(unknown).rejects.toThrow(
      "batch on SQLite with --sql needs the table's definition: pass copyFrom, or run online",
    );
    const db = await freshDb();
    await migrate(db, (op) => op.createTable("elsewhere", { x: { type: "integer" } }));
    const copyFrom = {
      table: { name: "elsewhere" },
      columns: [{ name: "x", type: "integer" as const, nullable: true }],
      foreignKeys: [],
      uniques: [],
      checks: [],
      indexes: [],
    };
    const text = await offlineSql((op) =>
      op.batchAlterTable("elsewhere", (b) => b.alterColumn("x", { nullable: false }), { copyFrom }),
    );
    await db.connection.execute(text);
    expect(table(await snapshot(db), "elsewhere").columns[0]?.nullable).toBe(false);
  });
});

describe("identifiers", () => {
  const weird = `we"ird 'tab\` [x] naïve_表`;
  const select = "select";
  const col = `co"l 'x\` [y] naïve_表`;

  it("round-trip through create, index, constraints and a batch copy, online and offline", async () => {
    const body = async (op: Operations) => {
      await op.createTable(
        weird,
        {
          [select]: { type: "integer", primaryKey: true, autoincrement: true },
          [col]: { type: "text", default: "it's", unique: `uq ${col}` },
          "with space": {
            type: "integer",
            references: { table: weird, column: select, name: `fk "self"` },
          },
        },
        { checks: [{ name: `ck 'q'`, expression: `"${col.replaceAll('"', '""')}" <> ''` }] },
      );
      await op.createIndex(`ix ${col}`, weird, [col, "with space"]);
      await op.bulkInsert(weird, [{ [col]: "a" }, { [col]: "b", "with space": 1 }]);
    };
    const db = await freshDb();
    await migrate(db, body);
    const batch = (op: Operations) =>
      op.batchAlterTable(weird, (b) => {
        b.alterColumn(col, { newName: `${col}2`, type: t.varchar(9) });
        b.addColumn("naïve_表2", { type: "text" });
      });
    const before = await snapshot(db);
    await migrate(db, batch);
    const during = table(await snapshot(db), weird);
    expect(during.columns.map((c) => c.name)).toEqual([
      select,
      `${col}2`,
      "with space",
      "naïve_表2",
    ]);
    expect(during.uniques).toEqual([{ name: `uq ${col}`, columns: [`${col}2`] }]);
    expect(during.foreignKeys[0]?.name).toBe(`fk "self"`);
    expect(during.checks[0]?.name).toBe(`ck 'q'`);
    expect(during.indexes).toMatchObject([
      { name: `ix ${col}`, columns: [`${col}2`, "with space"], unique: false, where: null },
    ]);
    expect(await rows(db, `SELECT * FROM "${weird.replaceAll('"', '""')}" ORDER BY 1`)).toEqual([
      { [select]: 1, [`${col}2`]: "a", "with space": null, naïve_表2: null },
      { [select]: 2, [`${col}2`]: "b", "with space": 1, naïve_表2: null },
    ]);
    const offline = await offlineSql(async (op) => {
      await body(op);
      await batch(op);
    });
    const replay = await freshDb();
    await replay.connection.execute(offline);
    expect(await snapshot(replay)).toEqual(await snapshot(db));
    expect(before.tables[0]?.name).toBe(weird);
  });

  it("a batch reverses to the schema it started from", async () => {
    const db = await freshDb();
    await migrate(db, (op) =>
      op.createTable(weird, { [col]: { type: "integer" }, b: { type: "text" } }),
    );
    await roundTrip(db, {
      kind: "batch",
      table: { name: weird },
      recreate: "auto",
      operations: [
        {
          kind: "alterColumn",
          table: { name: weird },
          column: col,
          changes: { newName: select, nullable: false, default: 3 },
          existing: { nullable: true, default: null },
        },
      ],
    });
  });
});
