import { describe, expect, it } from "vitest";
import { freshDb, migrate, offlineSql, rows, snapshot, table } from "./operations-helpers.js";

// WITHOUT ROWID and STRICT: read by introspection, written by createTable, kept by a copy.
const masterSql = async (db: Awaited<ReturnType<typeof freshDb>>, name: string) =>
  (await rows(db, `SELECT sql FROM sqlite_master WHERE name = '${name}'`))[0]?.sql;

describe("SQLite table options", () => {
  it("introspection reads WITHOUT ROWID and STRICT, in any case and order", async () => {
    const db = await freshDb();
    await db.connection.execute(`
      CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB) without rowid;
      CREATE TABLE s (a INTEGER, b TEXT) STRICT;
      CREATE TABLE both_ (k INTEGER PRIMARY KEY, v ANY) STRICT, WITHOUT ROWID;
      CREATE TABLE plain (strict INTEGER, "without rowid" TEXT);
    `);
    const snap = await snapshot(db);
    const options = (name: string) => {
      const { withoutRowid, strict } = table(snap, name);
      return { withoutRowid, strict };
    };
    expect(options("kv")).toEqual({ withoutRowid: true, strict: undefined });
    expect(options("s")).toEqual({ withoutRowid: undefined, strict: true });
    expect(options("both_")).toEqual({ withoutRowid: true, strict: true });
    // Column names that are the same words are not table options.
    expect(options("plain")).toEqual({ withoutRowid: undefined, strict: undefined });
  });

  it("createTable writes them, and the table behaves so", async () => {
    const db = await freshDb();
    await migrate(db, async (op) => {
      await op.createTable(
        "kv",
        { k: { type: "text", primaryKey: true }, v: { type: "blob" } },
        { withoutRowid: true, strict: true },
      );
    });
    expect(await masterSql(db, "kv")).toMatch(/\) WITHOUT ROWID, STRICT$/);
    expect(table(await snapshot(db), "kv")).toMatchObject({ withoutRowid: true, strict: true });
    // STRICT refuses a value of another type; a WITHOUT ROWID table has no rowid column.
    await expect(db.connection.execute("INSERT INTO kv (k, v) VALUES ('a', 1)")).rejects.toThrow(
      /cannot store INT value in BLOB column/,
    );
    await expect(db.connection.query("SELECT rowid FROM kv")).rejects.toThrow(/no such column/);
  });

  it("offline SQL writes them too", async () => {
    const text = await offlineSql((op) =>
      op.createTable("s", { a: { type: "integer" } }, { strict: true }),
    );
    expect(text).toMatch(/CREATE TABLE "s" \(\n {2}"a" INTEGER\n\) STRICT;/);
  });

  it("a batch copy keeps them once", async () => {
    const db = await freshDb();
    await db.connection.execute(
      "CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB, w INTEGER) STRICT, WITHOUT ROWID",
    );
    await migrate(db, (op) => op.dropColumn("kv", "w"));
    expect(await masterSql(db, "kv")).toMatch(/\) STRICT, WITHOUT ROWID$/);
    expect(table(await snapshot(db), "kv")).toMatchObject({ withoutRowid: true, strict: true });
  });
});
