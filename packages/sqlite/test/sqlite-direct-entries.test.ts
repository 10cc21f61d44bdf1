import { mkdirSync, readdirSync, utimesSync } from "node:fs";
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
