import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type MigError, type MigrationFailedError, upgrade } from "@mig/core";
import { type ConformanceOptions, runCli, TestProject } from "@mig/dialect-tests";
import { afterEach, describe, expect, test } from "vitest";
import { createDialect } from "../src/index.js";
import { connect, createTestDatabase, serverUrl, withDatabase } from "./helpers.js";

const options: ConformanceOptions = {
  name: "mysql-run",
  dialect: createDialect,
  dialectModule: fileURLToPath(new URL("../dist/index.js", import.meta.url)),
  cli: fileURLToPath(new URL("../../../apps/cli/bin/mig.js", import.meta.url)),
  database: () => createTestDatabase("run"),
};
const packageDir = fileURLToPath(new URL("..", import.meta.url));

const projects: TestProject[] = [];
afterEach(async () => {
  await Promise.all(projects.splice(0).map((p) => p.dispose()));
});

describe("MySQL/MariaDB through the mig command", () => {
  test("a mysql:// URL loads @mig/mysql from the project's node_modules", async () => {
    const p = await TestProject.create(options, [
      { revision: "aaaa00000001" },
      { revision: "aaaa00000002", down: "aaaa00000001" },
    ]);
    projects.push(p);
    // A project that has the package installed and names no dialect in its config.
    mkdirSync(join(p.dir, "node_modules", "@mig"), { recursive: true });
    symlinkSync(packageDir, join(p.dir, "node_modules", "@mig", "mysql"), "dir");
    writeFileSync(
      join(p.dir, "mig.config.json"),
      JSON.stringify({ url: p.db.url.replace(/^mysql:/, "mariadb:") }),
    );
    const up = await runCli(options.cli, ["--config", "mig.config.json", "up"], p.dir);
    expect(up.code, up.stderr).toBe(0);
    const now = await runCli(options.cli, ["--config", "mig.config.json", "current"], p.dir);
    expect(now.stdout).toBe("aaaa00000002 (head)\n");
  });

  test("wrong password, unreachable host and missing database: one plain line, no password", async () => {
    const p = await TestProject.create(options, [{ revision: "bbbb00000001" }]);
    projects.push(p);
    const good = new URL(serverUrl());
    const wrong = new URL(good);
    wrong.password = "not-the-pw-4242";
    const cases: [string, string, RegExp][] = [
      [wrong.toString(), "not-the-pw-4242", /Access denied/],
      ["mysql://mig:not-the-pw-4242@127.0.0.1:1/mig", "not-the-pw-4242", /127\.0\.0\.1:1/],
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

  test("a URL without a database: current and up say so, and nothing is created", async () => {
    const p = await TestProject.create(options, [{ revision: "cccc00000001" }]);
    projects.push(p);
    const bare = new URL(serverUrl());
    bare.pathname = "";
    for (const command of ["current", "up"]) {
      const r = await runCli(options.cli, [command, "--url", bare.toString()], p.dir);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(
        "Error: The database URL names no database, so there is nowhere to keep mig_version.\nAdd it after the host: mysql://user:password@host:3306/<database> (or set versionTableSchema).\n",
      );
    }
    // With the database named, the same project runs.
    const up = await runCli(options.cli, ["up", "--url", p.db.url], p.dir);
    expect(up.code, up.stderr).toBe(0);
  });

  test("a connection killed mid-migration: the report names the script's statement, not mig's log row", async () => {
    const p = await TestProject.create(options, [
      { revision: "cccc00000001", up: ["CREATE TABLE s (id INT)", "SELECT SLEEP(20)"] },
    ]);
    projects.push(p);
    const run = upgrade(p.options).catch((e: unknown) => e);
    // As a server restart or a failover does: the run's connection goes while it sleeps.
    const admin = await connect(serverUrl(), { poolSize: 1 });
    try {
      const c = await admin.acquire();
      for (let killed = false; !killed; ) {
        const rows = await c.query<{ id: number }>(
          "SELECT id FROM information_schema.processlist WHERE db = ? AND info LIKE 'SELECT SLEEP%'",
          [new URL(p.db.url).pathname.slice(1)],
        );
        for (const row of rows) await c.execute(`KILL ${Number(row.id)}`);
        killed = rows.length > 0;
        if (!killed) await new Promise((r) => setTimeout(r, 50));
      }
      await c.release();
    } finally {
      await admin.close();
    }
    const error = (await run) as MigrationFailedError;
    expect(error.code).toBe("migration_failed");
    // The failure row mig then tries to write fails on the same lost connection: before, it
    // was reported as the failing statement and the script's own two as applied.
    expect(error.statement).toBe("SELECT SLEEP(20)");
    expect(error.keptStatements).toEqual(["CREATE TABLE s (id INT)"]);
    expect(error.message).not.toContain("mig_log");
    expect(error.rows).toEqual([]);

    // Its log row could not be finished on the lost connection: the next run does not run
    // the migration again over what it applied, and says what to do.
    for (const resume of [false, true]) {
      const again = (await upgrade({ ...p.options, resume }).catch((e: unknown) => e)) as MigError;
      expect(again.code).toBe("half_applied");
      expect(again.message).toMatch(
        /^An earlier run of migration cccc00000001 stopped before it finished \(started \S+\): its connection was lost or the process ended, and some of its statements may be applied\. Nothing was run\.$/,
      );
      expect(again.hint).toBe(
        `${resume ? "`--resume` cannot tell where it stopped. " : ""}Check the database: undo what the migration applied (or make it re-runnable), then run \`mig up --restart\`.`,
      );
    }
    const cli = await runCli(options.cli, ["up"], p.dir);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain("stopped before it finished");
    expect(cli.stderr).not.toMatch(/\n\s+at /);
    const admin2 = await connect(p.db.url, { poolSize: 1 });
    try {
      const c = await admin2.acquire();
      const tables = await c.query<{ n: string }>(
        "SELECT table_name AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 's'",
      );
      const versions = await c.query("SELECT * FROM mig_version");
      await c.release();
      expect(tables).toHaveLength(1);
      expect(versions).toEqual([]);
    } finally {
      await admin2.close();
    }
  });

  test("a .sql script's batch failing part way: the statements before it are said to stay, not none", async () => {
    const p = await TestProject.create(options, []);
    projects.push(p);
    writeFileSync(
      join(p.dir, "migrations", "0001_dddd00000001.sql"),
      "-- revision: dddd00000001\n-- down_revision: none\n-- migrate:up\nCREATE TABLE half_one (id INT);\nCREATE TABLE half_one (id INT);\nCREATE TABLE half_two (id INT);\n-- migrate:down\nDROP TABLE half_one;\n",
    );
    const error = (await upgrade(p.options).catch((e: unknown) => e)) as MigrationFailedError;
    expect(error.message).toContain(
      "Table 'half_one' already exists (statement 2 of this batch; the 1 before it already ran)",
    );
    // It said "failed at its first statement: this run applied none of its statements".
    expect(error.hint).toBe(
      "This database cannot roll back DDL: the first 1 statement(s) of the failing batch stay applied; the version table still says base (no revision). Undo them by hand, or make the script re-runnable (`IF NOT EXISTS`), then run again.",
    );
    const admin = await connect(p.db.url, { poolSize: 1 });
    try {
      const c = await admin.acquire();
      const tables = await c.query<{ n: string }>(
        "SELECT table_name AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'half%' ORDER BY 1",
      );
      await c.release();
      expect(tables.map((t) => t.n)).toEqual(["half_one"]);
    } finally {
      await admin.close();
    }
  });
});
