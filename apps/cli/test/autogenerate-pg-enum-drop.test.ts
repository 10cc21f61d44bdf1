import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import * as postgres from "../../../packages/postgres/test/helpers.js";
import {
  autogenerateProject,
  droppedAfterAll,
  migrationFiles,
  printed,
  TARGETS,
  writeConfig,
} from "./autogenerate-project.js";
import { mig } from "./run-cli.js";

const pg = TARGETS.find((t) => t.name === "postgres")!;
const databases = droppedAfterAll();

/** The labels of enum type `name`, or undefined when there is no such type. */
async function enumLabels(url: string, name: string): Promise<string[] | undefined> {
  const pool = await postgres.connect(url, { poolSize: 1 });
  try {
    const c = await pool.acquire();
    const rows = await c.query(
      `SELECT e.enumlabel FROM pg_type ty LEFT JOIN pg_enum e ON e.enumtypid = ty.oid
        WHERE ty.typname = $1 ORDER BY e.enumsortorder`,
      [name],
    );
    await c.release();
    return rows.length === 0 ? undefined : rows.map((r) => String(r.enumlabel));
  } finally {
    await pool.close();
  }
}

const V1 = `import { t, table } from "@mig/core";

export const tasks = table("tasks", {
  id: { type: "integer", primaryKey: true },
  status: { type: t.enum("st", ["a", "b"]) },
});
`;
const V2 = V1.replace('  status: { type: t.enum("st", ["a", "b"]) },\n', "");

test("postgres: removing the last column of an enum drops the type with it, and the downgrade restores both", async () => {
  const dir = autogenerateProject("sqlite:./app.db");
  const db = await pg.database(dir);
  databases.push(db);
  writeConfig(dir, db.url, 'schema: "./schema.ts",');
  writeFileSync(join(dir, "schema.ts"), V1);
  for (const args of [["revision", "--autogenerate", "-m", "v1"], ["up"], ["check"]]) {
    const run = mig(dir, args);
    expect(run.code, printed(run)).toBe(0);
  }
  expect(await enumLabels(db.url, "st")).toEqual(["a", "b"]);

  writeFileSync(join(dir, "schema.ts"), V2);
  const check = mig(dir, ["check"]);
  expect(check.code, printed(check)).toBe(1);
  expect(check.stdout).toContain("drop column tasks.status");
  expect(check.stdout).toContain("drop enum st (with the last column that uses it)");
  const gen = mig(dir, ["revision", "--autogenerate", "-m", "v2"]);
  expect(gen.code, printed(gen)).toBe(0);
  const file = migrationFiles(dir).find((f) => f.includes("v2"))!;
  const script = readFileSync(join(dir, "migrations", file), "utf8");
  // The column's definition rides on the drop: it names the type to drop, and to re-create.
  expect(script).toContain('await op.dropColumn("tasks", "status", {');
  expect(script).toContain('t.enum("st", ["a", "b"])');

  const up = mig(dir, ["up"]);
  expect(up.code, printed(up)).toBe(0);
  expect(await enumLabels(db.url, "st")).toBeUndefined();
  const after = mig(dir, ["check"]);
  expect(after.code, printed(after)).toBe(0);
  expect(printed(after)).not.toContain("enum st");

  // The downgrade re-creates the type before the column: v1's schema checks clean again.
  const down = mig(dir, ["down", "-1"]);
  expect(down.code, printed(down)).toBe(0);
  expect(await enumLabels(db.url, "st")).toEqual(["a", "b"]);
  rmSync(join(dir, "migrations", file));
  writeFileSync(join(dir, "schema.ts"), V1);
  const restored = mig(dir, ["check"]);
  expect(restored.code, printed(restored)).toBe(0);
});

test("postgres: dropping one of two columns of an enum keeps the type", async () => {
  const dir = autogenerateProject("sqlite:./app.db");
  const db = await pg.database(dir);
  databases.push(db);
  writeConfig(dir, db.url, 'schema: "./schema.ts",');
  const both = V1.replace(
    '  status: { type: t.enum("st", ["a", "b"]) },\n',
    '  status: { type: t.enum("st", ["a", "b"]) },\n  prior: { type: t.enum("st", ["a", "b"]) },\n',
  );
  writeFileSync(join(dir, "schema.ts"), both);
  for (const args of [["revision", "--autogenerate", "-m", "v1"], ["up"]]) {
    const run = mig(dir, args);
    expect(run.code, printed(run)).toBe(0);
  }
  writeFileSync(join(dir, "schema.ts"), both.replace(/ {2}prior: .*\n/, ""));
  const check = mig(dir, ["check"]);
  expect(check.stdout).not.toContain("drop enum st");
  for (const args of [["revision", "--autogenerate", "-m", "v2"], ["up"], ["check"]]) {
    const run = mig(dir, args);
    expect(run.code, printed(run)).toBe(0);
  }
  expect(await enumLabels(db.url, "st")).toEqual(["a", "b"]);
  const down = mig(dir, ["down", "-1"]);
  expect(down.code, printed(down)).toBe(0);
  rmSync(join(dir, "migrations", migrationFiles(dir).find((f) => f.includes("v2"))!));
  writeFileSync(join(dir, "schema.ts"), both);
  const restored = mig(dir, ["check"]);
  expect(restored.code, printed(restored)).toBe(0);
});
