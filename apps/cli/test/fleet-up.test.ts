import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  connect,
  createTestDatabase,
  serverUrl,
  type TestDatabase,
} from "../../../packages/postgres/test/helpers.js";
import { BIN, mig, tempDir } from "./run-cli.js";

// Issue 15's "done when": 200 SQLite databases and 50 PostgreSQL schemas in ONE `mig up --all`.
const SQLITE_TARGETS = 200;
const SCHEMA_TARGETS = 50;
const BROKEN = "sqlite_7";
const REVS = ["f0000000000a", "f0000000000b", "f0000000000c"] as const;
const HEAD = REVS[2];

const pkg = (name: string) => fileURLToPath(new URL(`../../../packages/${name}`, import.meta.url));
type Db = {
  prepare(sql: string): { all(): Record<string, unknown>[]; run(): unknown };
  exec(sql: string): void;
  close(): void;
};
const Database = createRequire(pkg("sqlite/package.json"))("better-sqlite3") as new (
  file: string,
) => Db;

function sqliteRead<T>(file: string, read: (db: Db) => T): T {
  const db = new Database(file);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

async function pgRows(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const source = await connect(url, { poolSize: 1 });
  try {
    const c = await source.acquire();
    try {
      return await c.query(sql);
    } finally {
      await c.release();
    }
  } finally {
    await source.close();
  }
}

/** A project whose `targets()` hook returns 200 SQLite files and 50 schemas of one database. */
function fleetProject(pgUrl: string): string {
  const dir = tempDir("mig-fleet-");
  mkdirSync(join(dir, "migrations"));
  mkdirSync(join(dir, "dbs"));
  const sqlite = join(pkg("sqlite"), "dist/index.js");
  const postgres = join(pkg("postgres"), "dist/index.js");
  writeFileSync(
    join(dir, "mig.config.mjs"),
    `import { createDialect as sqlite } from ${JSON.stringify(sqlite)};
import { createDialect as postgres } from ${JSON.stringify(postgres)};
export default {
  dialects: [sqlite(), postgres()],
  async targets() {
    const list = [];
    for (let i = 0; i < ${SQLITE_TARGETS}; i++) list.push({ name: "sqlite_" + i, url: "sqlite:./dbs/t" + i + ".db" });
    for (let i = 0; i < ${SCHEMA_TARGETS}; i++) list.push({ name: "pg_" + i, url: ${JSON.stringify(pgUrl)}, schema: "tenant_" + i });
    return list;
  },
};
`,
  );
  REVS.forEach((rev, i) => {
    const down = i === 0 ? "null" : JSON.stringify(REVS[i - 1]);
    const table = `item_${"abc"[i]}`;
    writeFileSync(
      join(dir, "migrations", `${i + 1}_${rev}.mjs`),
      `/** create ${table} */
export const revision = "${rev}";
export const downRevision = ${down};
export async function upgrade(op) { op.execute("CREATE TABLE ${table} (id INTEGER PRIMARY KEY)"); }
export async function downgrade(op) { op.execute("DROP TABLE ${table}"); }
`,
    );
  });
  return dir;
}

const sqliteFile = (dir: string, i: number) => join(dir, "dbs", `t${i}.db`);

describe("mig up --all over 200 SQLite databases and 50 PostgreSQL schemas", () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    serverUrl();
    db = await createTestDatabase("fleet");
    dir = fleetProject(db.url);
    // The broken target: a table in the way of its second migration.
    sqliteRead(sqliteFile(dir, 7), (d) => d.exec("CREATE TABLE item_b (x TEXT)"));
  }, 60_000);
  afterAll(async () => {
    await db?.drop();
  });

  test("one run: all but the broken target reach head; a rerun after the fix finishes it alone", async () => {
    const first = mig(dir, ["up", "--all", "--concurrency", "8"]);
    expect(first.code, first.stderr).toBe(1);
    // Piped: plain lines, no escape codes, the failure named with its error.
    expect(first.stdout + first.stderr).not.toContain("\x1b");
    expect(first.stderr).toMatch(/^sqlite_0: up 3 step\(s\) to f0000000000c in \d/m);
    expect(first.stderr).toMatch(new RegExp(`^${BROKEN}: FAILED \\S+: .*item_b`, "m"));
    expect(first.stdout).toContain("249 applied, 1 failed");
    const rows = first.stdout.split("\n").filter((l) => /^(sqlite|pg)_\d+ /.test(l));
    expect(rows).toHaveLength(250);
    expect(rows.at(-1)).toMatch(new RegExp(`^${BROKEN} +base +${REVS[0]} +1 .*FAILED`));
    expect(first.stdout).not.toContain("mig-secret");
    expect(first.stderr).not.toContain(new URL(db.url).password);

    for (let i = 0; i < SQLITE_TARGETS; i++) {
      const at = sqliteRead(sqliteFile(dir, i), (d) =>
        d.prepare("SELECT version_num FROM mig_version").all(),
      );
      expect(at, `sqlite_${i}`).toEqual([{ version_num: i === 7 ? REVS[0] : HEAD }]);
    }
    // The broken target's first migration stays; its failed second one left nothing behind.
    const broken = sqliteRead(sqliteFile(dir, 7), (d) =>
      d.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'item_%' ORDER BY name").all(),
    );
    expect(broken.map((r) => r.name)).toEqual(["item_a", "item_b"]);
    const versions = await pgRows(
      db.url,
      Array.from(
        { length: SCHEMA_TARGETS },
        (_, i) => `SELECT '${i}' AS i, version_num FROM tenant_${i}.mig_version`,
      ).join(" UNION ALL "),
    );
    expect(versions).toHaveLength(SCHEMA_TARGETS);
    expect(new Set(versions.map((r) => r.version_num))).toEqual(new Set([HEAD]));
    const tables = await pgRows(
      db.url,
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema LIKE 'tenant\\_%' AND table_name LIKE 'item\\_%'",
    );
    expect(tables[0]?.n).toBe(SCHEMA_TARGETS * 3);

    // The fix; the rerun runs only the broken target's last two migrations.
    sqliteRead(sqliteFile(dir, 7), (d) => d.exec("DROP TABLE item_b"));
    const again = mig(dir, ["up", "--all", "--json"]);
    expect(again.code, again.stderr).toBe(0);
    const json = JSON.parse(again.stdout) as {
      ok: boolean;
      targets: { name: string; status: string; from: string[]; to: string[]; steps: number }[];
    };
    expect(json.ok).toBe(true);
    expect(json.targets).toHaveLength(250);
    const applied = json.targets.filter((t) => t.status !== "current");
    expect(applied).toEqual([
      expect.objectContaining({
        name: BROKEN,
        status: "applied",
        from: [REVS[0]],
        to: [HEAD],
        steps: 2,
      }),
    ]);
    expect(
      sqliteRead(sqliteFile(dir, 7), (d) => d.prepare("SELECT version_num FROM mig_version").all()),
    ).toEqual([{ version_num: HEAD }]);
    expect(again.stdout).not.toContain(new URL(db.url).password);
  }, 600_000);

  test("--target and --targets select; bad fleet flags are usage errors (exit 2, one line)", () => {
    const one = mig(dir, ["down", "base", "--target", "pg_3"]);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stderr).toMatch(/^pg_3: down 3 step\(s\) to base in/m);
    expect(one.stdout).toContain("1 applied");
    const two = mig(dir, ["up", "--targets", "pg_3,sqlite_1", "--json"]);
    expect(
      JSON.parse(two.stdout).targets.map(
        (t: { name: string; status: string }) => `${t.name} ${t.status}`,
      ),
    ).toEqual(["sqlite_1 current", "pg_3 applied"]);

    for (const [args, message] of [
      [["up", "--all", "--concurrency", "0"], "--concurrency takes a whole number"],
      [["up", "--all", "--concurrency", "two"], "--concurrency takes a whole number"],
      [["up", "--all", "--sql"], "--sql"],
      [["up", "--concurrency", "4"], "add --all"],
      [["up", "--all", "--target", "pg_1"], "--all runs every target"],
      [["up", "--target", "nope"], "nope"],
    ] as const) {
      const r = mig(dir, args);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toContain("    at ");
      expect(r.stderr.trim().split("\n").length, r.stderr).toBeLessThanOrEqual(3);
    }
    const json = mig(dir, ["up", "--all", "--concurrency", "0", "--json"]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error.code).toBe("usage");
  }, 120_000);

  test("on a terminal too, the run ends with the summary", () => {
    const r = spawnSync(
      "script",
      ["-qec", `"${process.execPath}" "${BIN}" up --targets sqlite_1,sqlite_2`, "/dev/null"],
      { cwd: dir, env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "" }, encoding: "utf8" },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("2 current");
  });
});
