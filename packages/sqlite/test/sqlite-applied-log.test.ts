import { downgrade, readLog, upgrade } from "@mig/core";
import type { ScriptSpec } from "@mig/dialect-tests";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { sqliteProject } from "./test-project.js";

const project = sqliteProject;

const three: ScriptSpec[] = [
  { revision: "a00000000001" },
  { revision: "a00000000002", down: "a00000000001" },
  { revision: "a00000000003", down: "a00000000002" },
];

const read = <T>(file: string, sql: string): T[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
};

// The log's id is the rowid without AUTOINCREMENT (docs/applied-log.md): no sqlite_sequence
// page is written with every commit, and the rows still come back in the order they ran.
describe("the applied log on SQLite", () => {
  it("is created without AUTOINCREMENT, and no sqlite_sequence table appears", async () => {
    const { p, file } = await project(three);
    await upgrade(p.options);
    const [table] = read<{ sql: string }>(
      file,
      "SELECT sql FROM sqlite_master WHERE name = 'mig_log'",
    );
    expect(table?.sql).toMatch(/"id" INTEGER PRIMARY KEY,/);
    expect(table?.sql).not.toMatch(/AUTOINCREMENT/i);
    const names = read<{ name: string }>(
      file,
      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    );
    expect(names.map((r) => r.name)).toEqual([
      "mig_log",
      "mig_version",
      "t_a00000000001",
      "t_a00000000002",
      "t_a00000000003",
    ]);
    await downgrade({ ...p.options, target: "a00000000001" });
    await upgrade(p.options);
    const log = await readLog(p.options);
    expect(log.map((e) => `${e.revision.slice(-1)} ${e.direction}`)).toEqual([
      "3 up",
      "2 up",
      "2 down",
      "3 down",
      "3 up",
      "2 up",
      "1 up",
    ]);
    expect(log.map((e) => e.id)).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });

  it("keeps appending to a log table an older mig created with AUTOINCREMENT", async () => {
    const { p, file } = await project(three.slice(0, 2));
    await upgrade({ ...p.options, target: "a00000000001" });
    // The table as mig created it before: same columns, id AUTOINCREMENT.
    const db = new Database(file);
    const sql = (
      db.prepare("SELECT sql FROM sqlite_master WHERE name = 'mig_log'").get() as { sql: string }
    ).sql.replace('"id" INTEGER PRIMARY KEY,', '"id" INTEGER PRIMARY KEY AUTOINCREMENT,');
    db.exec(
      `ALTER TABLE mig_log RENAME TO old_log; ${sql}; INSERT INTO mig_log SELECT * FROM old_log; DROP TABLE old_log;`,
    );
    db.close();
    await upgrade(p.options);
    const log = await readLog(p.options);
    expect(log.map((e) => [e.id, e.revision, e.direction])).toEqual([
      [2, "a00000000002", "up"],
      [1, "a00000000001", "up"],
    ]);
    const seq = read<{ seq: number }>(
      file,
      "SELECT seq FROM sqlite_sequence WHERE name = 'mig_log'",
    );
    expect(seq).toEqual([{ seq: 2 }]);
  });
});
