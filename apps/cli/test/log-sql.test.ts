import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { mig, sqliteProject } from "./run-cli.js";

test("--log-sql prints each statement with its time and parameters on stderr", () => {
  const dir = sqliteProject();
  writeFileSync(
    join(dir, "migrations", "0001_a.ts"),
    `/** a */
export const revision = "aaaa00000001";
export const downRevision = null;
export async function upgrade(op) {
  await op.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)");
  await op.execute("INSERT INTO note (id, body) VALUES (?, ?)", [1, "hello"]);
}
export async function downgrade(op) { await op.execute("DROP TABLE note"); }
`,
  );
  const quiet = mig(dir, ["up"]);
  expect(quiet.code, quiet.stderr).toBe(0);
  expect(quiet.stderr).not.toContain("SQL (");
  expect(mig(dir, ["down", "base"]).code).toBe(0);

  const up = mig(dir, ["up", "--log-sql", "--json"]);
  expect(up.code, up.stderr).toBe(0);
  expect(JSON.parse(up.stdout).rows).toEqual(["aaaa00000001"]);
  expect(up.stderr).toMatch(
    /^SQL \(\d+\.\d ms\): CREATE TABLE note \(id INTEGER PRIMARY KEY, body TEXT\)$/m,
  );
  expect(up.stderr).toMatch(
    /^SQL \(\d+\.\d ms\): INSERT INTO note \(id, body\) VALUES \(\?, \?\) -- params: \[1, "hello"\]$/m,
  );
  expect(up.stderr).toMatch(/^SQL \(\d+\.\d ms\): BEGIN$/m);
  expect(up.stderr).toMatch(/^SQL \(\d+\.\d ms\): COMMIT$/m);
  expect(up.stderr).toMatch(/^SQL \(\d+\.\d ms\): INSERT INTO "?mig_version"?/m);

  const current = mig(dir, ["--log-sql", "current"]);
  expect(current.stdout).toBe("aaaa00000001 (head)\n");
  expect(current.stderr).toMatch(/^SQL \(\d+\.\d ms\): SELECT .*mig_version/m);
});

test("logSql: true in the config logs too", () => {
  const dir = sqliteProject("sqlite:./app.db", ", logSql: true");
  writeFileSync(
    join(dir, "migrations", "0001_a.sql"),
    "-- revision: bbbb00000001\n-- down_revision: none\n-- message: b\n\n-- migrate:up\nCREATE TABLE b (id INTEGER);\n\n-- migrate:down\nDROP TABLE b;\n",
  );
  const up = mig(dir, ["up"]);
  expect(up.code, up.stderr).toBe(0);
  expect(up.stderr).toMatch(/SQL \(\d+\.\d ms\): CREATE TABLE b \(id INTEGER\)/);
  expect(up.stdout).toBe("");
});
