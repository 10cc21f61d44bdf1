import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ConformanceOptions, runCli, TestProject } from "@mig/dialect-tests";
import { afterEach, describe, expect, test } from "vitest";
import { createDialect } from "../src/index.js";
import { createTestDatabase, serverUrl, withDatabase } from "./helpers.js";

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
});
