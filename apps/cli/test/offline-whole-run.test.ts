import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { mig, sqliteProject, tableScript } from "./run-cli.js";

const Database = createRequire(
  fileURLToPath(new URL("../../../packages/sqlite/package.json", import.meta.url)),
)("better-sqlite3") as new (
  file: string,
) => { exec(sql: string): void; prepare(sql: string): { all(): unknown[] }; close(): void };

// One transaction for the whole run, split around `transactional = false` scripts: --sql
// wrote `BEGIN; COMMIT;` with nothing between where such a script came first or two came
// together. A transaction with nothing in it is left out; the replay is unchanged.
test("--sql with transactionPerMigration: false writes no empty transaction, and replays", () => {
  const dir = sqliteProject("sqlite:./app.db", ", transactionPerMigration: false");
  const ids = ["aaaa00000001", "aaaa00000002", "aaaa00000003", "aaaa00000004", "aaaa00000005"];
  const outside = new Set([0, 2, 3]);
  ids.forEach((id, i) => {
    const script = tableScript(id, i === 0 ? null : ids[i - 1]!, `t${i}`);
    writeFileSync(
      join(dir, "migrations", `${i}_${id}.js`),
      outside.has(i) ? `${script}export const transactional = false;\n` : script,
    );
  });
  const r = mig(dir, ["up", "--sql"]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).not.toMatch(/BEGIN;\s*COMMIT;/);
  expect(r.stdout.match(/^BEGIN;$/gm)).toHaveLength(2);
  const db = new Database(join(dir, "replay.db"));
  try {
    db.exec(r.stdout);
    expect(db.prepare("SELECT version_num FROM mig_version").all()).toEqual([
      { version_num: "aaaa00000005" },
    ]);
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 't%' ORDER BY name").all(),
    ).toEqual(["t0", "t1", "t2", "t3", "t4"].map((name) => ({ name })));
  } finally {
    db.close();
  }
});
