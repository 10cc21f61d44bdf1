import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseDatabaseUrl } from "@mig/core";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createDialect } from "../src/index.js";
import { caught, connect, tableNames, tempDir } from "./helpers.js";

describe("connection source", () => {
  it("opens the file lazily on first acquire, hands out one connection, closes it", async () => {
    const dir = tempDir();
    const source = await createDialect().connect(parseDatabaseUrl("sqlite:./lazy.db"), {
      cwd: dir,
    });
    expect(existsSync(join(dir, "lazy.db"))).toBe(false);
    const first = await source.acquire();
    expect(existsSync(join(dir, "lazy.db"))).toBe(true);
    await first.execute("CREATE TABLE t (a INTEGER)");
    await first.release();
    const second = await source.acquire();
    expect(second).toBe(first);
    await source.close();
    await expect(second.query("SELECT 1")).rejects.toThrow(/not open/);
    await source.close();
  });

  it("resolves a relative URL against options.cwd", async () => {
    const dir = tempDir();
    const { connection } = await connect("sqlite:///data.db", { cwd: dir });
    expect(connection.file).toBe(join(dir, "data.db"));
    await connection.execute("CREATE TABLE t (a)");
    expect(existsSync(join(dir, "data.db"))).toBe(true);
  });

  it("opens an absolute file URL regardless of cwd", async () => {
    const dir = tempDir();
    const { connection } = await connect(`file://${dir}/abs.db`, { cwd: "/nonexistent" });
    expect(connection.file).toBe(join(dir, "abs.db"));
  });

  it("fails on a missing directory with one line naming it and the fix", async () => {
    const dir = tempDir();
    const missing = join(dir, "no", "such");
    const source = await createDialect().connect(parseDatabaseUrl("sqlite:./no/such/app.db"), {
      cwd: dir,
    });
    const error = (await caught(() => source.acquire())) as Error & { code: string; hint: string };
    expect(error).toMatchObject({ code: "connection_failed", name: "DatabaseConnectionError" });
    expect(error.message).not.toContain("\n");
    expect(error.message).toContain(`the directory ${missing} does not exist`);
    expect(error.hint).toBe(
      `Create the directory (mkdir -p ${missing}) or fix the path in the database URL.`,
    );
    expect(existsSync(join(dir, "no"))).toBe(false);
  });

  it("refuses a file that is not a SQLite database", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "notes.db"), "these are not the pages you are looking for ".repeat(40));
    const source = await createDialect().connect(parseDatabaseUrl("sqlite:./notes.db"), {
      cwd: dir,
    });
    const error = await caught(() => source.acquire());
    expect(error).toMatchObject({
      code: "connection_failed",
      message: `The file ${join(dir, "notes.db")} is not a SQLite database.`,
    });
  });

  it("refuses a directory as the database file", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "dir.db"));
    const source = await createDialect().connect(parseDatabaseUrl("sqlite:./dir.db"), { cwd: dir });
    expect(await caught(() => source.acquire())).toMatchObject({ code: "connection_failed" });
  });

  it("opens while another connection holds the file exclusively", async () => {
    const dir = tempDir();
    const writer = new Database(join(dir, "busy.db"));
    writer.exec("CREATE TABLE t (a); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);");
    try {
      const { connection } = await connect("sqlite:./busy.db?timeout=0.1", { cwd: dir });
      await expect(connection.query("SELECT a FROM t")).rejects.toThrow(/database is locked/);
      writer.exec("COMMIT");
      expect(await connection.query("SELECT a FROM t")).toEqual([{ a: 1 }]);
    } finally {
      writer.close();
    }
  });

  it("mode=rw needs the file; mode=ro cannot write", async () => {
    const dir = tempDir();
    const rw = await createDialect().connect(parseDatabaseUrl("sqlite:./rw.db?mode=rw"), {
      cwd: dir,
    });
    expect(await caught(() => rw.acquire())).toMatchObject({
      code: "connection_failed",
      message: expect.stringContaining("does not exist (the URL asks for mode=rw)"),
    });
    new Database(join(dir, "rw.db")).exec("CREATE TABLE t (a); INSERT INTO t VALUES (1)");
    const { connection } = await connect("sqlite:./rw.db?mode=ro", { cwd: dir });
    expect(await connection.query("SELECT a FROM t")).toEqual([{ a: 1 }]);
    await expect(connection.execute("INSERT INTO t VALUES (2)")).rejects.toThrow(/readonly/);
    await connection.begin();
    await connection.rollback();
  });

  it("a :memory: database works and is private to its source", async () => {
    const a = await connect("sqlite::memory:");
    await a.connection.execute("CREATE TABLE t (a)");
    const b = await connect("sqlite://");
    expect(await tableNames(b.connection)).toEqual([]);
    expect(await tableNames(a.connection)).toEqual(["t"]);
  });
});

describe("execute and query", () => {
  it("returns the number of changed rows and the rows", async () => {
    const { connection } = await connect("sqlite:./q.db");
    expect(await connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")).toBe(0);
    expect(await connection.execute("INSERT INTO t (name) VALUES (?), (?)", ["a", "b"])).toBe(2);
    expect(await connection.execute("UPDATE t SET name = upper(name)")).toBe(2);
    expect(await connection.execute("CREATE INDEX t_name ON t (name)")).toBe(0);
    expect(await connection.query("SELECT id, name FROM t ORDER BY id")).toEqual([
      { id: 1, name: "A" },
      { id: 2, name: "B" },
    ]);
    expect(await connection.query("SELECT name FROM t WHERE id = ?", [2])).toEqual([{ name: "B" }]);
  });

  it("runs several statements in one execute when there are no parameters", async () => {
    const { connection } = await connect("sqlite:./multi.db");
    const section = `
      -- a .sql migration section
      CREATE TABLE account (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
      CREATE UNIQUE INDEX account_email ON account (email);
      INSERT INTO account (email) VALUES ('a@example.com');
      INSERT INTO account (email) VALUES ('b@example.com'), ('c@example.com');
      /* trailing comment */
    `;
    expect(await connection.execute(section)).toBe(3);
    expect(await tableNames(connection)).toEqual(["account"]);
    expect(await connection.query("SELECT count(*) AS n FROM account")).toEqual([{ n: 3 }]);
  });

  it("a statement followed by a comment and an empty text both work", async () => {
    const { connection } = await connect("sqlite:./c.db");
    expect(await connection.execute("CREATE TABLE t (a); -- done")).toBe(0);
    expect(await connection.execute("   \n-- nothing here\n")).toBe(0);
    expect(await connection.execute("")).toBe(0);
    expect(await tableNames(connection)).toEqual(["t"]);
  });

  it("several statements with parameters is a clear error", async () => {
    const { connection } = await connect("sqlite:./m.db");
    await connection.execute("CREATE TABLE t (a)");
    await expect(
      connection.execute("INSERT INTO t VALUES (?); INSERT INTO t VALUES (?)", [1, 2]),
    ).rejects.toMatchObject({
      code: "multiple_statements",
    });
    expect(await connection.query("SELECT count(*) AS n FROM t")).toEqual([{ n: 0 }]);
  });

  it("execute accepts statements that return rows; query accepts statements that do not", async () => {
    const { connection } = await connect("sqlite:./r.db");
    expect(await connection.execute("PRAGMA journal_mode")).toBe(0);
    expect(await connection.execute("SELECT 1")).toBe(0);
    expect(await connection.execute("SELECT ?", [1])).toBe(0);
    expect(await connection.query("CREATE TABLE t (a)")).toEqual([]);
    expect(await connection.query("INSERT INTO t VALUES (?)", [5])).toEqual([]);
    expect(await connection.query("SELECT a FROM t")).toEqual([{ a: 5 }]);
  });

  it("binds booleans as 1/0, dates as ISO text, bigints, buffers, null and JSON", async () => {
    const { connection } = await connect("sqlite:./b.db");
    await connection.execute("CREATE TABLE v (b, d, i, x, n, u, j)");
    const date = new Date("2024-05-06T07:08:09.010Z");
    await connection.execute("INSERT INTO v VALUES (?, ?, ?, ?, ?, ?, ?)", [
      true,
      date,
      2n ** 40n,
      new Uint8Array([1, 2, 255]),
      null,
      undefined,
      { k: [1, "two"] },
    ]);
    await connection.execute("INSERT INTO v (b) VALUES (?)", [false]);
    const rows = await connection.query(
      "SELECT b, d, i, x, n, u, j, typeof(d) AS td FROM v ORDER BY rowid",
    );
    expect(rows[0]).toEqual({
      b: 1,
      d: "2024-05-06T07:08:09.010Z",
      i: 2 ** 40,
      x: Buffer.from([1, 2, 255]),
      n: null,
      u: null,
      j: '{"k":[1,"two"]}',
      td: "text",
    });
    expect(rows[1]).toMatchObject({ b: 0 });
  });

  it("reports SQL errors from the database", async () => {
    const { connection } = await connect("sqlite:./e.db");
    await expect(connection.execute("INSERT INTO missing VALUES (1)")).rejects.toThrow(
      /no such table: missing/,
    );
    await expect(connection.query("SELEC 1")).rejects.toThrow(/syntax error/);
  });
});

describe("transactions", () => {
  it("commit keeps and rollback discards", async () => {
    const { connection } = await connect("sqlite:./tx.db");
    await connection.execute("CREATE TABLE t (a)");
    await connection.begin();
    await connection.execute("INSERT INTO t VALUES (1)");
    await connection.commit();
    await connection.begin();
    await connection.execute("INSERT INTO t VALUES (2)");
    await connection.rollback();
    expect(await connection.query("SELECT a FROM t")).toEqual([{ a: 1 }]);
  });

  it("the transaction is visible to other connections only after commit", async () => {
    const dir = tempDir();
    const { connection } = await connect("sqlite:./vis.db", { cwd: dir });
    await connection.execute("CREATE TABLE t (a)");
    const other = new Database(join(dir, "vis.db"), { readonly: true });
    try {
      await connection.begin();
      await connection.execute("INSERT INTO t VALUES (1)");
      expect(other.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 0 });
      await connection.commit();
      expect(other.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 1 });
    } finally {
      other.close();
    }
  });

  it("commit and rollback are no-ops once SQLite has ended the transaction", async () => {
    const { connection } = await connect("sqlite:./tx2.db");
    await connection.commit();
    await connection.rollback();
    await connection.begin();
    await connection.execute("CREATE TABLE t (a); COMMIT;");
    await connection.commit();
    await connection.rollback();
    expect(await tableNames(connection)).toEqual(["t"]);
  });

  it("begin inside an open transaction is a clear error", async () => {
    const { connection } = await connect("sqlite:./tx3.db");
    await connection.begin();
    await expect(connection.begin()).rejects.toMatchObject({ code: "transaction_open" });
    await connection.rollback();
  });

  it("closing the source rolls back an open transaction", async () => {
    const dir = tempDir();
    const first = await connect("sqlite:./tx4.db", { cwd: dir });
    await first.connection.execute("CREATE TABLE t (a)");
    await first.connection.begin();
    await first.connection.execute("INSERT INTO t VALUES (1)");
    await first.source.close();
    const second = await connect("sqlite:./tx4.db", { cwd: dir });
    expect(await second.connection.query("SELECT count(*) AS n FROM t")).toEqual([{ n: 0 }]);
  });
});

describe("connection settings", () => {
  it("leaves foreign keys off by default; ?foreign_keys=on and { foreignKeys } turn them on", async () => {
    const off = await connect("sqlite:./fk.db");
    expect(await off.connection.query("PRAGMA foreign_keys")).toEqual([{ foreign_keys: 0 }]);
    const on = await connect("sqlite:./fk.db?foreign_keys=on");
    expect(await on.connection.query("PRAGMA foreign_keys")).toEqual([{ foreign_keys: 1 }]);
    const option = await connect("sqlite:./fk.db", { dialect: { foreignKeys: true } });
    expect(await option.connection.query("PRAGMA foreign_keys")).toEqual([{ foreign_keys: 1 }]);
    const urlWins = await connect("sqlite:./fk.db?foreign_keys=off", {
      dialect: { foreignKeys: true },
    });
    expect(await urlWins.connection.query("PRAGMA foreign_keys")).toEqual([{ foreign_keys: 0 }]);
  });

  it("busy timeout: 5 s by default, { timeout } seconds, ?timeout= seconds", async () => {
    const plain = await connect("sqlite:./bt.db");
    expect(await plain.connection.query("PRAGMA busy_timeout")).toEqual([{ timeout: 5000 }]);
    const option = await connect("sqlite:./bt.db", { dialect: { timeout: 1.5 } });
    expect(await option.connection.query("PRAGMA busy_timeout")).toEqual([{ timeout: 1500 }]);
    const url = await connect("sqlite:./bt.db?timeout=0.25", { dialect: { timeout: 9 } });
    expect(await url.connection.query("PRAGMA busy_timeout")).toEqual([{ timeout: 250 }]);
  });
});
