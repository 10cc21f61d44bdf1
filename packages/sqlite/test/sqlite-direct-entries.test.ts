import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { downgrade, upgrade } from "@mig/core";
import { clockAhead, realNow, type ScriptSpec } from "@mig/dialect-tests";
import Database from "better-sqlite3";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { sqliteProject } from "./test-project.js";

// A run of one direction loads each script's function alone where its module does nothing
// else (direct-entry.ts); in one process, runs of both directions each call the right one.

beforeEach(() => clockAhead());
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const tables = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 't_%'")
      .all() as { name: string }[];
    return rows.map((r) => r.name).sort();
  } finally {
    db.close();
  }
};

const scripts: ScriptSpec[] = [
  { revision: "d00000000001" },
  { revision: "d00000000002", down: "d00000000001" },
  { revision: "d00000000003", down: "d00000000002" },
];
const all = ["t_d00000000001", "t_d00000000002", "t_d00000000003"];

it("upgrade, downgrade and upgrade again in one process, from settled scripts", async () => {
  const { p, file } = await sqliteProject(scripts);
  // The project's own cache (node_modules/.cache/mig), to look into below.
  mkdirSync(join(p.dir, "node_modules"));
  // Dated a minute back, as a real project's files are: the runs cache what they load.
  const past = realNow() / 1000 - 60;
  for (const name of readdirSync(p.migrations)) utimesSync(join(p.migrations, name), past, past);
  for (let round = 0; round < 2; round++) {
    expect((await upgrade(p.options)).steps).toHaveLength(3);
    expect(tables(file)).toEqual(all);
    expect((await downgrade({ ...p.options, target: "d00000000001" })).steps).toHaveLength(2);
    expect(tables(file)).toEqual(["t_d00000000001"]);
    expect((await downgrade({ ...p.options, target: "base" })).steps).toHaveLength(1);
    expect(tables(file)).toEqual([]);
  }
  const cache = join(p.dir, "node_modules", ".cache", "mig");
  const bundles = readdirSync(cache).filter((f) => /^bundle-.*\.js$/.test(f));
  expect(bundles.some((f) => f.endsWith("-up.js"))).toBe(true);
  expect(bundles.some((f) => f.endsWith("-down.js"))).toBe(true);
});

// A script's `async function` that awaits nothing runs as a plain function (direct-entry.ts):
// its calls still run in order, and a failure, of a call it did not await or of a throw,
// still rolls its step back.
it("a script that awaits nothing: its calls in order, a failure rolled back", async () => {
  const { p, file } = await sqliteProject([]);
  mkdirSync(join(p.dir, "node_modules"));
  const write = (name: string, revision: string, down: string | null, body: string) =>
    writeFileSync(
      join(p.migrations, name),
      `export const revision = "${revision}";\nexport const downRevision = ${JSON.stringify(down)};\n` +
        `export async function upgrade(op) {\n${body}\n}\n` +
        "export async function downgrade(op) {}\n",
    );
  const settle = () => {
    const past = realNow() / 1000 - 60;
    for (const name of readdirSync(p.migrations)) utimesSync(join(p.migrations, name), past, past);
  };
  write(
    "0001_e1.ts",
    "e00000000001",
    null,
    '  op.execute("CREATE TABLE t_e1 (n INT)");\n  op.execute("INSERT INTO t_e1 VALUES (1)");\n  op.execute("INSERT INTO t_e1 VALUES (2)");',
  );
  write(
    "0002_e2.ts",
    "e00000000002",
    "e00000000001",
    '  op.execute("CREATE TABLE t_e2 (n INT)");\n  op.execute("INSERT INTO nowhere VALUES (1)");',
  );
  settle();
  await expect(upgrade(p.options)).rejects.toThrow(/e00000000002.*no such table: nowhere/s);
  const db = () => new Database(file, { readonly: true });
  const read = <T>(sql: string): T[] => {
    const d = db();
    try {
      return d.prepare(sql).all() as T[];
    } finally {
      d.close();
    }
  };
  expect(tables(file)).toEqual(["t_e1"]);
  expect(read<{ n: number }>("SELECT n FROM t_e1 ORDER BY rowid").map((r) => r.n)).toEqual([1, 2]);
  expect(read<{ version_num: string }>("SELECT version_num FROM mig_version")).toEqual([
    { version_num: "e00000000001" },
  ]);
  // The bundle holds the first script's function as a plain one.
  const cache = join(p.dir, "node_modules", ".cache", "mig");
  const bundle = readdirSync(cache).find((f) => /^bundle-.*-up\.js$/.test(f))!;
  const code = readFileSync(join(cache, bundle), "utf8");
  expect(code).toMatch(/\n {5,}function upgrade\(op\) \{\n {2}op\.execute\("CREATE TABLE t_e1/);

  write(
    "0002_e2.ts",
    "e00000000002",
    "e00000000001",
    '  op.execute("CREATE TABLE t_e2 (n INT)");\n  throw new Error("plain boom");',
  );
  settle();
  await expect(upgrade(p.options)).rejects.toThrow(/plain boom/);
  expect(tables(file)).toEqual(["t_e1"]);
  expect(read<{ version_num: string }>("SELECT version_num FROM mig_version")).toEqual([
    { version_num: "e00000000001" },
  ]);
});
