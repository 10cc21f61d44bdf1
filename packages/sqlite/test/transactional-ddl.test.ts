import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createDialect } from "../src/index.js";
import { columnNames, connect, tableNames, tempDir } from "./helpers.js";

// The dialect claims transactionalDDL; these prove SQLite (as better-sqlite3 builds it)
// really undoes DDL on ROLLBACK, on a file, seen from a fresh connection afterwards.
describe("transactional DDL on a real file", () => {
  it("is what the dialect claims", () => {
    expect(createDialect().capabilities.transactionalDDL).toBe(true);
  });

  it("CREATE TABLE inside BEGIN ... ROLLBACK is rolled back", async () => {
    const dir = tempDir();
    const { connection } = await connect("sqlite:./ddl.db", { cwd: dir });
    await connection.execute("CREATE TABLE kept (id INTEGER PRIMARY KEY)");
    await connection.begin();
    await connection.execute("CREATE TABLE account (id INTEGER PRIMARY KEY, email TEXT)");
    await connection.execute("INSERT INTO account (email) VALUES (?)", ["a@example.com"]);
    expect(await tableNames(connection)).toEqual(["account", "kept"]);
    await connection.rollback();
    expect(await tableNames(connection)).toEqual(["kept"]);
    expect(tablesSeenFresh(join(dir, "ddl.db"))).toEqual(["kept"]);
  });

  it("ALTER TABLE ADD COLUMN inside BEGIN ... ROLLBACK is rolled back", async () => {
    const dir = tempDir();
    const { connection } = await connect("sqlite:./alter.db", { cwd: dir });
    await connection.execute("CREATE TABLE account (id INTEGER PRIMARY KEY)");
    await connection.begin();
    await connection.execute("ALTER TABLE account ADD COLUMN email TEXT");
    expect(await columnNames(connection, "account")).toEqual(["id", "email"]);
    await connection.rollback();
    expect(await columnNames(connection, "account")).toEqual(["id"]);
  });

  it("DROP TABLE, RENAME and CREATE INDEX are rolled back with the rest of a migration", async () => {
    const dir = tempDir();
    const { connection } = await connect("sqlite:./many.db", { cwd: dir });
    await connection.execute("CREATE TABLE a (x); CREATE TABLE b (y); INSERT INTO a VALUES (1);");
    await connection.begin();
    await connection.execute("DROP TABLE b; ALTER TABLE a RENAME TO c; CREATE INDEX c_x ON c (x);");
    await expect(connection.execute("INSERT INTO nowhere VALUES (1)")).rejects.toThrow(
      /no such table/,
    );
    await connection.rollback();
    expect(await tableNames(connection)).toEqual(["a", "b"]);
    expect(await connection.query("SELECT name FROM sqlite_master WHERE type = 'index'")).toEqual(
      [],
    );
    expect(await connection.query("SELECT x FROM a")).toEqual([{ x: 1 }]);
  });

  it("a committed migration and its version row land together", async () => {
    const dir = tempDir();
    const dialect = createDialect();
    const { connection } = await connect("sqlite:./commit.db", { cwd: dir });
    const table = { name: "mig_version" };
    await connection.execute(dialect.versionTable.create(table));
    await connection.begin();
    await connection.execute("CREATE TABLE account (id INTEGER PRIMARY KEY)");
    await connection.execute(dialect.versionTable.insert(table, "ae1027a6acf0"));
    await connection.commit();
    await connection.begin();
    await connection.execute("ALTER TABLE account ADD COLUMN email TEXT");
    await connection.execute(dialect.versionTable.update(table, "ae1027a6acf0", "1975ea83b712"));
    await connection.rollback();
    const fresh = new Database(join(dir, "commit.db"), { readonly: true });
    try {
      expect(fresh.prepare("SELECT version_num FROM mig_version").all()).toEqual([
        { version_num: "ae1027a6acf0" },
      ]);
      expect(fresh.prepare("SELECT name FROM pragma_table_info('account')").pluck().all()).toEqual([
        "id",
      ]);
    } finally {
      fresh.close();
    }
  });
});

function tablesSeenFresh(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}
