import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import {
  current,
  type HookContext,
  isMigError,
  type MigError,
  type MigrationFailedError,
  status,
  upgrade,
} from "@mig/core";
import { type ConformanceOptions, runCli, TestProject } from "@mig/dialect-tests";
import { afterEach, describe, expect, test } from "vitest";
import { createDialect } from "../src/index.js";
import { withConnection } from "./connection-helper.js";
import { createTestDatabase, serverUrl, withDatabase } from "./helpers.js";

const options: ConformanceOptions = {
  name: "postgres-run",
  dialect: createDialect,
  dialectModule: fileURLToPath(new URL("../dist/index.js", import.meta.url)),
  cli: fileURLToPath(new URL("../../../apps/cli/bin/mig.js", import.meta.url)),
  database: () => createTestDatabase("run"),
};

const projects: TestProject[] = [];
async function project(scripts: Parameters<typeof TestProject.create>[1]) {
  const p = await TestProject.create(options, scripts);
  projects.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(projects.splice(0).map((p) => p.dispose()));
});

const packageDir = fileURLToPath(new URL("..", import.meta.url));

describe("PostgreSQL runs", () => {
  test("a failed statement's HINT from the server reaches the user", async () => {
    const p = await project([
      {
        revision: "hhhh00000001",
        up: [
          "CREATE TABLE film (description TEXT)",
          "ALTER TABLE film ALTER COLUMN description TYPE integer",
        ],
      },
    ]);
    const failed = await upgrade(p.options).then(
      () => undefined,
      (error: unknown) => error as MigError,
    );
    expect(failed?.message).toContain("cannot be cast automatically to type integer");
    expect(failed?.hint).toContain(
      `PostgreSQL's hint: You might need to specify "USING description::integer".`,
    );
  });

  test("logging what current(), upgrade() and status() return never prints the password", async () => {
    const p = await project([{ revision: "eeee00000002" }]);
    const password = decodeURIComponent(new URL(p.db.url).password);
    expect(password.length).toBeGreaterThan(3);
    const results = [await upgrade(p.options), await current(p.options), await status(p.options)];
    for (const result of results) {
      expect(inspect(result, { depth: 10 })).not.toContain(password);
      expect(JSON.stringify(result)).not.toContain(password);
    }
    // The graph stays reachable for callers that need it.
    expect((results[1] as Awaited<ReturnType<typeof current>>).project.map.heads).toEqual([
      "eeee00000002",
    ]);
  });

  test("a postgresql:// URL loads @mig/postgres from the project's node_modules", async () => {
    const p = await project([{ revision: "eeee00000001" }]);
    mkdirSync(join(p.dir, "node_modules", "@mig"), { recursive: true });
    symlinkSync(packageDir, join(p.dir, "node_modules", "@mig", "postgres"), "dir");
    writeFileSync(join(p.dir, "mig.config.json"), JSON.stringify({ scriptLocation: "migrations" }));
    // DATABASE_URL is used when the config names no URL.
    const env = { DATABASE_URL: p.db.url.replace(/^postgres:/, "postgresql:") };
    const up = await runCli(options.cli, ["--config", "mig.config.json", "up"], p.dir, env);
    expect(up.code, up.stderr).toBe(0);
    const now = await runCli(options.cli, ["--config", "mig.config.json", "current"], p.dir, env);
    expect(now.stdout).toBe("eeee00000001 (head)\n");
  });

  test("a transactional = false migration can CREATE INDEX CONCURRENTLY", async () => {
    const p = await project([
      { revision: "aaaa00000001", up: ["CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT)"] },
      {
        revision: "aaaa00000002",
        down: "aaaa00000001",
        transactional: false,
        up: ["CREATE INDEX CONCURRENTLY item_name ON item (name)"],
        downSql: ["DROP INDEX CONCURRENTLY item_name"],
      },
    ]);
    const result = await upgrade(p.options);
    expect(result.rows).toEqual(["aaaa00000002"]);
    expect((await current(p.options)).rows).toEqual(["aaaa00000002"]);
  });

  test("inside a transaction the same index fails cleanly, leaving the previous revision", async () => {
    const p = await project([
      { revision: "bbbb00000001", up: ["CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT)"] },
      {
        revision: "bbbb00000002",
        down: "bbbb00000001",
        up: ["CREATE INDEX CONCURRENTLY item_name ON item (name)"],
      },
    ]);
    const error = await upgrade(p.options).catch((e: unknown) => e);
    expect(isMigError(error) && error.code).toBe("migration_failed");
    expect((error as Error).message).toContain("cannot run inside a transaction block");
    // The fix named is the script's, not "fix the script".
    expect((error as MigError).hint).toBe(
      "The database is at bbbb00000001. Run this script outside a transaction: `export const transactional = false` in a TypeScript script, `-- transactional: false` in an SQL script's header.",
    );
    expect((await current(p.options)).rows).toEqual(["bbbb00000001"]);
  });

  test("the server ending the run's session: the script's statement, and not the script's fault", async () => {
    const p = await project([
      { revision: "dddd00000001", up: ["CREATE TABLE s (id INT)", "SELECT pg_sleep(20)"] },
    ]);
    const run = upgrade(p.options).catch((e: unknown) => e);
    // As a restart, a failover or pg_terminate_backend does, while the migration sleeps.
    await withConnection(serverUrl(), async (c) => {
      for (let ended = false; !ended; ) {
        const rows = await c.query<{ ended: boolean }>(
          `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
            WHERE datname = $1 AND query LIKE 'SELECT pg_sleep%' AND pid <> pg_backend_pid()`,
          [new URL(p.db.url).pathname.slice(1)],
        );
        ended = rows.length > 0;
        if (!ended) await new Promise((r) => setTimeout(r, 50));
      }
    });
    const error = (await run) as MigrationFailedError;
    expect(error.code).toBe("migration_failed");
    expect(error.statement).toBe("SELECT pg_sleep(20)");
    expect(error.hint).toBe(
      "The database is at base (no revision). The server ended the connection (a restart, a failover or an administrator), not the script: run again once it is back.",
    );
    expect((await current(p.options)).rows).toEqual([]);
  });

  test("the version table can live in its own schema", async () => {
    const p = await project([{ revision: "cccc00000001" }]);
    const opts = {
      ...p.options,
      versionTableSchema: "mig_meta",
      beforeMigrate: async (ctx: HookContext) => {
        await ctx.execute("CREATE SCHEMA IF NOT EXISTS mig_meta");
      },
    };
    // beforeMigrate runs before the version table is created, so it can make the schema.
    await upgrade(opts);
    const rows = await withConnection(p.db.url, (c) =>
      c.query("SELECT version_num FROM mig_meta.mig_version"),
    );
    expect(rows).toEqual([{ version_num: "cccc00000001" }]);
    expect((await current(opts)).rows).toEqual(["cccc00000001"]);
  });

  test("beforeMigrate's CREATE SCHEMA and search_path run online and open the --sql script", async () => {
    const p = await project([{ revision: "cccc00000002" }]);
    const opts = {
      ...p.options,
      beforeMigrate: async (ctx: HookContext) => {
        await ctx.execute("CREATE SCHEMA IF NOT EXISTS app");
        await ctx.execute("SET search_path TO app");
      },
    };
    const { sql } = await upgrade({ ...opts, sql: true });
    expect(
      sql?.startsWith("CREATE SCHEMA IF NOT EXISTS app;\n\nSET search_path TO app;\n\nBEGIN;"),
    ).toBe(true);
    await upgrade(opts);
    // The version table, the applied log and the migration's table land in the schema the hook made.
    const tables = await withConnection(p.db.url, (c) =>
      c.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'app' ORDER BY 1",
      ),
    );
    expect(tables).toEqual([
      { table_name: "mig_log" },
      { table_name: "mig_version" },
      { table_name: "t_cccc00000002" },
    ]);
    const rows = await withConnection(p.db.url, (c) =>
      c.query("SELECT version_num FROM app.mig_version"),
    );
    expect(rows).toEqual([{ version_num: "cccc00000002" }]);
  });

  test("a user who may not create tables in public (PostgreSQL 15+): what mig was doing, and the fix", async () => {
    const p = await project([{ revision: "dddd00000002" }]);
    const role = `mig_nocreate_${process.pid}`;
    await withConnection(p.db.url, async (c) => {
      await c.execute(`DROP ROLE IF EXISTS ${role}`);
      await c.execute(`CREATE ROLE ${role} LOGIN PASSWORD 'no-create-pw-4242'`);
      await c.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
    });
    try {
      const url = new URL(p.db.url);
      url.username = role;
      url.password = "no-create-pw-4242";
      const r = await runCli(options.cli, ["up", "--url", url.toString()], p.dir);
      expect(r.code, r.stderr).toBe(1);
      const error = r.stderr.slice(r.stderr.indexOf("Error:"));
      expect(error.trim().split("\n")).toEqual([
        'Error: Cannot create the version table "mig_version": permission denied for schema public.',
        "Let the database user create tables in that schema, or set versionTableSchema (logTableSchema) to one it can; beforeMigrate can create the schema.",
      ]);
      expect(r.stdout + r.stderr).not.toContain("no-create-pw-4242");
      const tables = await withConnection(p.db.url, (c) =>
        c.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"),
      );
      expect(tables).toEqual([]);
    } finally {
      await withConnection(p.db.url, (c) => c.execute(`DROP ROLE IF EXISTS ${role}`)).catch(
        () => {},
      );
    }
  });

  test("wrong password, unreachable host and missing database: one plain line, no password", async () => {
    const p = await project([{ revision: "dddd00000001" }]);
    const good = new URL(serverUrl());
    const wrong = new URL(good);
    wrong.password = "not-the-pw-4242";
    const cases: [string, string, RegExp][] = [
      [wrong.toString(), "not-the-pw-4242", /password authentication failed/],
      ["postgres://mig:not-the-pw-4242@127.0.0.1:1/postgres", "not-the-pw-4242", /127\.0\.0\.1:1/],
      [withDatabase(serverUrl(), "no_such_db_4242"), good.password, /no_such_db_4242/],
    ];
    for (const [url, secret, message] of cases) {
      const r = await runCli(options.cli, ["current", "--url", url], p.dir);
      expect(r.code, r.stderr).toBe(1);
      const error = r.stderr.slice(r.stderr.indexOf("Error:"));
      expect(error).toMatch(message);
      expect(error.trim().split("\n").length).toBeLessThanOrEqual(2);
      expect(r.stdout + r.stderr).not.toContain(secret);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
