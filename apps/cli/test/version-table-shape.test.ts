import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { mig, sqliteProject, tableScript } from "./run-cli.js";

// better-sqlite3 is @mig/sqlite's dependency: the tables here are written as by another tool.
const Database = createRequire(
  fileURLToPath(new URL("../../../packages/sqlite/package.json", import.meta.url)),
)("better-sqlite3") as new (
  file: string,
) => {
  exec(sql: string): void;
  prepare(sql: string): { all(): unknown[] };
  close(): void;
};

function withTable(ddl: string): string {
  const dir = sqliteProject();
  writeFileSync(join(dir, "migrations", "0001_a.mjs"), tableScript("aaaa00000001", null, "t"));
  const db = new Database(join(dir, "app.db"));
  db.exec(ddl);
  db.close();
  return dir;
}

describe("a version table mig did not write", () => {
  test("another tool's table of that name: said plainly, nothing run", () => {
    const dir = withTable(
      "CREATE TABLE mig_version (version TEXT); INSERT INTO mig_version VALUES ('1');",
    );
    for (const args of [["up"], ["current"]]) {
      const r = mig(dir, args);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(
        'Error: The table "mig_version" has no version_num column: it is not mig\'s version table.\nSet versionTable in mig.config to another name (mig creates it), or rename this table.\n',
      );
    }
    // stamp --purge does not empty another tool's table.
    expect(mig(dir, ["stamp", "--purge", "aaaa00000001"]).code).toBe(1);
    // The migration did not run, and nothing was created beside that table.
    const db = new Database(join(dir, "app.db"));
    expect(db.prepare("SELECT name FROM sqlite_master ORDER BY name").all()).toEqual([
      { name: "mig_version" },
    ]);
    expect(db.prepare("SELECT version FROM mig_version").all()).toEqual([{ version: "1" }]);
    db.close();
  });

  test("a row held twice: up and down refuse, stamp --purge repairs", () => {
    const dir = withTable(
      "CREATE TABLE mig_version (version_num VARCHAR(32) NOT NULL); INSERT INTO mig_version VALUES ('aaaa00000001'), ('aaaa00000001'); CREATE TABLE t (id INTEGER);",
    );
    for (const args of [["down", "base"], ["up"]]) {
      const r = mig(dir, args);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(
        "Error: The version table holds aaaa00000001 more than once.\nDelete the extra rows, or rewrite the table with `mig stamp --purge aaaa00000001` (it changes only the version table).\n",
      );
    }
    const purge = mig(dir, ["stamp", "--purge", "aaaa00000001"]);
    expect(purge.code, purge.stderr).toBe(0);
    // The rows it dropped are named beside the step it took.
    expect(purge.stderr).toContain(
      "Done: purged aaaa00000001, aaaa00000001 from the version table; 1 step(s); the database is at aaaa00000001.\n",
    );
    expect(mig(dir, ["current"]).stdout).toBe("aaaa00000001 (head)\n");
    const down = mig(dir, ["down", "base"]);
    expect(down.code, down.stderr).toBe(0);
    expect(mig(dir, ["current"]).stdout).toContain("base");
  });

  test("stamp --purge base says what it emptied, not 'Nothing to stamp'", () => {
    const dir = withTable(
      "CREATE TABLE mig_version (version_num VARCHAR(32) NOT NULL); INSERT INTO mig_version VALUES ('aaaa00000001'), ('aaaa00000001');",
    );
    const r = mig(dir, ["stamp", "--purge", "base"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      "Done: purged aaaa00000001, aaaa00000001 from the version table; the database is at base.\n",
    );
    expect(mig(dir, ["current"]).stdout).toContain("base");
    const again = mig(dir, ["stamp", "--purge", "base", "--json"]);
    expect(JSON.parse(again.stdout)).toMatchObject({ steps: [], from: [], rows: [] });
    expect(mig(dir, ["stamp", "--purge", "base"]).stderr).toContain(
      "Nothing to stamp; the database is at base.",
    );
  });

  test("stamp --purge --sql is refused, as Alembic refuses it: the SQL could not purge", () => {
    const dir = withTable(
      "CREATE TABLE mig_version (version_num VARCHAR(32) NOT NULL); INSERT INTO mig_version VALUES ('aaaa00000001'), ('aaaa00000001');",
    );
    const r = mig(dir, ["stamp", "--purge", "--sql", "aaaa00000001"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "Error: stamp --purge cannot be written as SQL (--sql).\nRun `mig stamp --purge <revision>` against the database, or write the change from the rows it holds with `mig stamp --sql <from>:<to>`.\n",
    );
  });
});
