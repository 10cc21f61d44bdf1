import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { mig, sqliteProject } from "./run-cli.js";

// better-sqlite3 is @mig/sqlite's dependency; the test reads the database through it.
const SQLITE_PACKAGE = fileURLToPath(
  new URL("../../../packages/sqlite/package.json", import.meta.url),
);
const Database = createRequire(SQLITE_PACKAGE)("better-sqlite3") as new (
  file: string,
) => { prepare(sql: string): { all(): unknown[] }; close(): void };

const script = `/** create item */
export const revision = "aaaa00000001";
export const downRevision = null;
export async function upgrade(op) { await op.createTable("item", { id: { type: "integer", primaryKey: true } }); }
export async function downgrade(op) { await op.dropTable("item"); }
`;

const HOOKS = `,
  beforeMigrate: async (ctx) => {
    await ctx.execute("-- prepared by beforeMigrate");
    await ctx.execute("CREATE TABLE IF NOT EXISTS audit (note TEXT, offline INTEGER)");
    if (!ctx.isOffline) await ctx.connection.execute("INSERT INTO audit VALUES ('online connection', 0)");
  },
  afterMigrate: async (ctx) => {
    await ctx.execute("INSERT INTO audit VALUES (?, ?)", [ctx.command, ctx.isOffline ? 1 : 0]);
  }`;

describe("beforeMigrate / afterMigrate", () => {
  test("with --sql the hooks' statements frame the script: before the first migration, after the last", () => {
    const dir = sqliteProject("sqlite:./app.db", HOOKS);
    writeFileSync(join(dir, "migrations", "0001.ts"), script);
    const r = mig(dir, ["up", "--sql"]);
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout;
    const before = out.indexOf("CREATE TABLE IF NOT EXISTS audit (note TEXT, offline INTEGER);");
    expect(out.startsWith("-- prepared by beforeMigrate\n\nCREATE TABLE IF NOT EXISTS audit")).toBe(
      true,
    );
    expect(out.indexOf("-- prepared by beforeMigrate")).toBeLessThan(before);
    expect(before).toBeGreaterThanOrEqual(0);
    expect(before).toBeLessThan(out.indexOf("BEGIN;"));
    expect(before).toBeLessThan(out.indexOf('CREATE TABLE "mig_version"'));
    const after = out.indexOf("INSERT INTO audit VALUES ('upgrade', 1);");
    expect(after).toBeGreaterThan(out.lastIndexOf("COMMIT;"));
    expect(out).not.toContain("online connection");
  });

  test("online the hooks run on the run's connection", () => {
    const dir = sqliteProject("sqlite:./app.db", HOOKS);
    writeFileSync(join(dir, "migrations", "0001.ts"), script);
    const r = mig(dir, ["up"]);
    expect(r.code, r.stderr).toBe(0);
    const db = new Database(join(dir, "app.db"));
    try {
      expect(db.prepare("SELECT note, offline FROM audit").all()).toEqual([
        { note: "online connection", offline: 0 },
        { note: "upgrade", offline: 0 },
      ]);
      expect(db.prepare("SELECT version_num FROM mig_version").all()).toEqual([
        { version_num: "aaaa00000001" },
      ]);
    } finally {
      db.close();
    }
  });

  test("a hook that uses ctx.connection with --sql fails in plain words, writing no script", () => {
    const dir = sqliteProject(
      "sqlite:./app.db",
      `,\n  beforeMigrate: async ({ connection }) => { await connection.execute("SET x = 1"); }`,
    );
    writeFileSync(join(dir, "migrations", "0001.ts"), script);
    const r = mig(dir, ["up", "--sql"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("beforeMigrate failed in a --sql run:");
    expect(r.stderr).toContain("ctx.isOffline");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test.each([
    ["beforeMigrate", "Nothing was migrated. Fix the hook and run again.", []],
    [
      "afterMigrate",
      "The migrations before it were applied and recorded. Fix the hook; `mig current` shows where the database is.",
      [{ version_num: "aaaa00000001" }],
    ],
  ])(
    "a %s hook that fails online is named, and says whether the migrations ran",
    (hook, hint, rows) => {
      const dir = sqliteProject(
        "sqlite:./app.db",
        `,\n  ${hook}: async (ctx) => { await ctx.execute("SELEC 1"); }`,
      );
      writeFileSync(join(dir, "migrations", "0001.ts"), script);
      const r = mig(dir, ["up"]);
      expect(r.code).toBe(1);
      const error = r.stderr.slice(r.stderr.indexOf("Error:")).trimEnd().split("\n");
      expect(error).toEqual([
        `Error: The ${hook} hook in mig.config failed: near "SELEC": syntax error`,
        hint,
      ]);
      const db = new Database(join(dir, "app.db"));
      try {
        const versioned = db
          .prepare("SELECT name FROM sqlite_master WHERE name = 'mig_version'")
          .all();
        expect(
          versioned.length === 0 ? [] : db.prepare("SELECT version_num FROM mig_version").all(),
        ).toEqual(rows);
      } finally {
        db.close();
      }
    },
  );
});
