import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Operations, t, upgrade } from "@mig/core";
import { type ConformanceOptions, type ScriptHook, TestProject } from "@mig/dialect-tests";
import Database from "better-sqlite3";
import { afterEach, describe, expect, test } from "vitest";
import { createDialect } from "../src/index.js";
import { freshDb, migrate, rows } from "./operations-helpers.js";

// What a user replaying `mig up --sql` output gets, compared with `mig up` on a live file.
const options: ConformanceOptions = {
  name: "sqlite-offline",
  dialect: createDialect,
  dialectModule: fileURLToPath(new URL("../dist/index.js", import.meta.url)),
  cli: fileURLToPath(new URL("../../../apps/cli/bin/mig.js", import.meta.url)),
  database: async () => {
    const dir = mkdtempSync(join(tmpdir(), "mig-sqlite-"));
    return {
      url: `sqlite:///${join(dir, "online.db")}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

const projects: TestProject[] = [];
const open: Database.Database[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) db.close();
  await Promise.all(projects.splice(0).map((p) => p.dispose()));
});

/** A project whose migrations run `ups` in order, online and with `--sql`. */
async function project(ups: readonly ((op: Operations) => Promise<void>)[]) {
  const hook = (up: (op: Operations) => Promise<void>): ScriptHook => ({
    upgrade: up,
    downgrade: async () => {},
  });
  const p = await TestProject.create(
    options,
    ups.map((up, i) => ({
      revision: `ffff0000000${i + 1}`,
      down: i === 0 ? undefined : `ffff0000000${i}`,
      hook: hook(up),
    })),
  );
  projects.push(p);
  return p;
}

/** Runs the project online; returns the live file, opened as a user's session would. */
async function online(p: TestProject): Promise<Database.Database> {
  await upgrade(p.options);
  const db = new Database(p.db.url.replace(/^sqlite:\/\/\//, ""));
  open.push(db);
  return db;
}

/** `mig up --sql`, and a session with foreign keys on (better-sqlite3's default) replaying it. */
async function replayed(p: TestProject): Promise<{ sql: string; db: Database.Database }> {
  const { sql } = await upgrade({ ...p.options, sql: true });
  const db = new Database(join(p.dir, "replay.db"));
  open.push(db);
  expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
  db.exec(sql ?? "");
  return { sql: sql ?? "", db };
}

const master = (db: Database.Database) =>
  db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name <> 'mig_version' ORDER BY name")
    .all();

const parentAndChild = async (op: Operations) => {
  await op.createTable("parent", { id: { type: "integer", primaryKey: true } });
  await op.createTable("child", {
    id: { type: "integer", primaryKey: true },
    parent_id: { type: "integer" },
  });
  await op.createForeignKey("fk_child_parent", "child", "parent", ["parent_id"], ["id"], {
    onDelete: "cascade",
  });
};

describe("offline SQLite scripts", () => {
  test("a replayed script turns foreign keys off once before its transactions and back on after, still enforced", async () => {
    const p = await project([
      parentAndChild,
      // A copy of the parent: the script turns enforcement off around it.
      (op) => op.alterColumn("parent", "id", { nullable: false, type: "bigint" }),
    ]);
    const { sql, db } = await replayed(p);
    // Once around the run of transactions: nothing between one COMMIT and the next BEGIN.
    expect(sql.startsWith("PRAGMA foreign_keys = OFF;\n\nBEGIN;")).toBe(true);
    expect(sql.match(/PRAGMA foreign_keys = (ON|OFF)/g)).toEqual([
      "PRAGMA foreign_keys = OFF",
      "PRAGMA foreign_keys = ON",
    ]);
    expect(sql).toContain("COMMIT;\n\nBEGIN;");
    expect(sql.trimEnd().endsWith("COMMIT;\n\nPRAGMA foreign_keys = ON;")).toBe(true);
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    db.exec("INSERT INTO parent (id) VALUES (1); INSERT INTO child (id, parent_id) VALUES (10, 1)");
    expect(() => db.exec("INSERT INTO child (id, parent_id) VALUES (11, 42)")).toThrow(
      /FOREIGN KEY constraint failed/,
    );
    db.exec("DELETE FROM parent WHERE id = 1");
    expect(db.prepare("SELECT count(*) AS n FROM child").get()).toEqual({ n: 0 });
  });

  test("a table copy in a transactional = false migration fires no ON DELETE when replayed", async () => {
    const hook = (up: (op: Operations) => Promise<void>): ScriptHook => ({
      upgrade: up,
      downgrade: async () => {},
    });
    const p = await TestProject.create(options, [
      {
        revision: "ffff00000001",
        hook: hook(async (op) => {
          await parentAndChild(op);
          await op.bulkInsert("parent", [{ id: 1 }]);
          await op.bulkInsert("child", [{ id: 10, parent_id: 1 }]);
        }),
      },
      {
        revision: "ffff00000002",
        down: "ffff00000001",
        transactional: false,
        hook: hook((op) => op.alterColumn("parent", "id", { nullable: false, type: "bigint" })),
      },
    ]);
    projects.push(p);
    const { sql, db } = await replayed(p);
    // The script turns foreign keys on before the migration outside a transaction; the copy
    // turned them off around itself, so dropping the old parent emptied no child.
    expect(sql).toContain('PRAGMA foreign_keys = OFF;\n\nSAVEPOINT "mig_batch";');
    expect(db.prepare("SELECT id, parent_id FROM child").all()).toEqual([{ id: 10, parent_id: 1 }]);
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  test("a replayed script's log rows name only the columns they fill; the rest read as NULL", async () => {
    const p = await project([
      (op) => op.createTable("a", { id: { type: "integer" } }),
      (op) => op.createTable("b", { id: { type: "integer" } }),
    ]);
    const { sql, db } = await replayed(p);
    const inserts = sql.split("\n").filter((line) => line.startsWith('INSERT INTO "mig_log"'));
    expect(inserts).toHaveLength(2);
    for (const insert of inserts) expect(insert).not.toMatch(/error_code|NULL/);
    const logged = db
      .prepare(
        `SELECT revision, direction, length(checksum) AS sum, started_at IS NOT NULL AS started,
           finished_at IS NOT NULL AS finished, duration_ms, success, error_code, error_message,
           statements_checksum, resumed_from, tag, host IS NOT NULL AS host, db_user
         FROM mig_log ORDER BY id`,
      )
      .all();
    const row = (revision: string) => ({
      revision,
      direction: "up",
      sum: 64,
      started: 1,
      finished: 1,
      duration_ms: null,
      success: 1,
      error_code: null,
      error_message: null,
      statements_checksum: null,
      resumed_from: null,
      tag: null,
      host: 1,
      db_user: null,
    });
    expect(logged).toEqual([row("ffff00000001"), row("ffff00000002")]);
  });

  test("a table copied by a batch keeps its types' spelling: online and offline schemas are equal", async () => {
    const p = await project([
      async (op) => {
        await op.createTable("item", {
          id: { type: "integer", primaryKey: true },
          title: { type: t.varchar(200), nullable: false, default: "untitled" },
          code: { type: t.raw("VARCHAR(20)") },
          legacy: { type: t.raw("Integer") },
          price: { type: t.numeric(10, 2), default: 0 },
          flag: { type: "boolean", default: false },
        });
        await op.createIndex("ix_item_code", "item", ["code"]);
      },
      (op) =>
        op.batchAlterTable("item", (b) => {
          b.alterColumn("title", { nullable: true });
          b.addColumn("note", { type: "text" });
        }),
    ]);
    const live = await online(p);
    const { db } = await replayed(p);
    const item = (master(live) as { name: string; sql: string }[]).find((r) => r.name === "item");
    expect(item?.sql).toContain('"title" VARCHAR(200)');
    expect(item?.sql).toContain('"legacy" Integer');
    expect(item?.sql).toContain('"price" NUMERIC(10, 2) DEFAULT 0');
    expect(master(db)).toEqual(master(live));
  });

  test("createTable then createForeignKey on it: one CREATE TABLE with the key, no copy", async () => {
    const p = await project([parentAndChild]);
    const { sql, db } = await replayed(p);
    expect(sql.match(/CREATE TABLE "child"/g)).toHaveLength(1);
    expect(sql).toMatch(
      /CREATE TABLE "child" \([^;]*CONSTRAINT "fk_child_parent" FOREIGN KEY \("parent_id"\) REFERENCES "parent" \("id"\) ON DELETE CASCADE\n\);/,
    );
    expect(sql).not.toContain("_mig_tmp");
    expect(sql).not.toContain("RENAME");
    const live = await online(p);
    expect(live.prepare("SELECT * FROM pragma_foreign_key_list('child')").all()).toMatchObject([
      { table: "parent", from: "parent_id", to: "id", on_delete: "CASCADE" },
    ]);
    expect(master(live)).toEqual(master(db));
  });

  test("unique, check and primary key constraints on a new table join its CREATE TABLE too", async () => {
    const p = await project([
      async (op) => {
        await op.createTable("tag", { id: { type: "integer" }, label: { type: t.varchar(40) } });
        await op.createPrimaryKey("pk_tag", "tag", ["id"]);
        await op.createUniqueConstraint("uq_tag_label", "tag", ["label"]);
        await op.createCheckConstraint("ck_tag_label", "tag", "length(label) > 0");
        await op.createIndex("ix_tag_label", "tag", ["label", "id"]);
      },
    ]);
    const { sql, db } = await replayed(p);
    expect(sql).not.toContain("_mig_tmp");
    expect(sql).toContain(
      'CREATE TABLE "tag" (\n  "id" INTEGER,\n  "label" VARCHAR(40),\n  CONSTRAINT "pk_tag" PRIMARY KEY ("id"),\n  CONSTRAINT "uq_tag_label" UNIQUE ("label"),\n  CONSTRAINT "ck_tag_label" CHECK (length(label) > 0)\n);',
    );
    const live = await online(p);
    expect(master(live)).toEqual(master(db));
    expect(() => live.exec("INSERT INTO tag (id, label) VALUES (1, '')")).toThrow(/CHECK/);
  });

  test("a constraint after rows were written into the new table still copies it, keeping the rows", async () => {
    const p = await project([
      async (op) => {
        await op.createTable("parent", { id: { type: "integer", primaryKey: true } });
        await op.createTable("child", {
          id: { type: "integer", primaryKey: true },
          parent_id: { type: "integer" },
        });
        await op.bulkInsert("parent", [{ id: 1 }]);
        await op.bulkInsert("child", [{ id: 10, parent_id: 1 }]);
        await op.createForeignKey("fk_child_parent", "child", "parent", ["parent_id"], ["id"]);
      },
    ]);
    const { sql, db } = await replayed(p);
    expect(sql).toContain('CREATE TABLE "_mig_tmp_child"');
    const live = await online(p);
    for (const session of [live, db]) {
      expect(session.prepare("SELECT id, parent_id FROM child").all()).toEqual([
        { id: 10, parent_id: 1 },
      ]);
    }
    expect(master(live)).toEqual(master(db));
  });
});

describe("a CREATE TABLE held for constraints to fold in", () => {
  test("runs before a query, and its failure still fails the migration", async () => {
    const db = await freshDb();
    await migrate(db, async (op) => {
      await op.createTable("item", { id: { type: "integer", primaryKey: true } });
      expect(await op.query("SELECT count(*) AS n FROM item")).toEqual([{ n: 0 }]);
    });
    const again = migrate(db, async (op) => {
      op.createTable("item", { id: { type: "integer", primaryKey: true } });
    });
    await expect(again).rejects.toThrow(/table "item" already exists/);
    expect(await rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'")).toEqual([
      { name: "item" },
    ]);
  });
});
