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

// A run prepares its version-table UPDATE and its log INSERT once and binds each step's
// values (capabilities.reusesPreparedStatements): the rows are what the SQL text wrote.
describe("a run's bookkeeping on SQLite", () => {
  it("binds each step's version change and log row, and stores the same values", async () => {
    const { p, file } = await project(three);
    const lines: string[] = [];
    await upgrade({ ...p.options, logger: { info: (line) => lines.push(line) } });
    const sent = lines.map((line) => line.replace(/^SQL \(\d+\.\d ms\): /, ""));
    expect(sent).toContain(
      'UPDATE "mig_version" SET "version_num" = ? WHERE "version_num" = ? -- params: ["a00000000003", "a00000000002"]',
    );
    const inserts = sent.filter((sql) => sql.startsWith('INSERT INTO "mig_log"'));
    expect(inserts).toHaveLength(3);
    for (const sql of inserts) {
      // A successful row's own values bound; the columns it leaves NULL are not named.
      expect(sql).toMatch(
        /VALUES \(\?, \?, \?, \?, \?, \?, \?, \?, \?, '[^']+', '[^']+'\) -- params/,
      );
    }
    expect(read(file, "SELECT version_num FROM mig_version")).toEqual([
      { version_num: "a00000000003" },
    ]);
    const rows = read<Record<string, unknown>>(
      file,
      `SELECT revision, direction, typeof(duration_ms) AS duration, typeof(success) AS success,
         success AS ok, statements_done, started_at, finished_at, checksum, error_code,
         error_message, statements_checksum, resumed_from, tag, db_user, mig_version, host
       FROM mig_log ORDER BY id`,
    );
    expect(rows.map((r) => [r.revision, r.direction, r.duration, r.success, r.ok])).toEqual([
      ["a00000000001", "up", "integer", "integer", 1],
      ["a00000000002", "up", "integer", "integer", 1],
      ["a00000000003", "up", "integer", "integer", 1],
    ]);
    for (const r of rows) {
      expect(r.started_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(r.finished_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(r.error_code).toBeNull();
      expect([r.error_message, r.statements_checksum, r.resumed_from, r.tag, r.db_user]).toEqual([
        null,
        null,
        null,
        null,
        null,
      ]);
      expect(r.mig_version).toMatch(/^\d+\.\d+\.\d+/);
      expect(r.host).toBeTruthy();
    }
    const log = await readLog(p.options);
    expect(log.map((e) => [e.success, e.statementsDone])).toEqual([
      [true, rows[2]!.statements_done],
      [true, rows[1]!.statements_done],
      [true, rows[0]!.statements_done],
    ]);
  });
});
