import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, test } from "vitest";

// The "done when", as a user does it: a new npm project, the packed tarballs of
// @mig/cli, @mig/core, @mig/postgres and this package installed (their other dependencies
// come from the npm registry), and the quick start's migrations run on `pglite:./pgdata`.
// Needs `pnpm run build` first and the npm registry.
const root = fileURLToPath(new URL("../../../", import.meta.url));
const PACKAGES = ["packages/core", "apps/cli", "packages/postgres", "examples/dialect-pglite"];
const work = mkdtempSync(join(tmpdir(), "mig-pglite-tarballs-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A user's shell: no DATABASE_URL from ours.
const { DATABASE_URL: _unset, ...userEnv } = process.env;
const env = { ...userEnv, NO_COLOR: "1", npm_config_fund: "false", npm_config_audit: "false" };

function mig(app: string, ...args: string[]): { code: number | null; out: string; stdout: string } {
  const r = spawnSync("npx", ["--no-install", "mig", ...args, "--url", "pglite:./pgdata"], {
    cwd: app,
    env,
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout + r.stderr, stdout: r.stdout };
}

/** The tables left in the public schema, read with the app's own PGlite. */
function tables(app: string): { tables: string[]; rows: number } {
  const script = `import { PGlite } from "@electric-sql/pglite";
const db = await PGlite.create({ dataDir: "./pgdata" });
const r = await db.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
const v = await db.query("SELECT count(*)::int AS n FROM mig_version").catch(() => ({ rows: [{ n: -1 }] }));
console.log(JSON.stringify({ tables: r.rows.map((x) => x.tablename), rows: v.rows[0].n }));
await db.close();`;
  writeFileSync(join(app, "tables.mjs"), script);
  return JSON.parse(execFileSync("node", ["tables.mjs"], { cwd: app, encoding: "utf8" }));
}

test("npm project from tarballs: mig up / current / down base on pglite:./pgdata", () => {
  const tarballs = join(work, "tarballs");
  mkdirSync(tarballs);
  for (const dir of PACKAGES) {
    expect(existsSync(join(root, dir, "dist")), `${dir}/dist: run pnpm run build`).toBe(true);
    execFileSync("pnpm", ["pack", "--pack-destination", tarballs], {
      cwd: join(root, dir),
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  const app = join(work, "app");
  mkdirSync(app);
  writeFileSync(
    join(app, "package.json"),
    '{ "name": "app", "version": "1.0.0", "private": true }\n',
  );
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  execFileSync("npm", ["install", "--save-dev", ...files], { cwd: app, env, stdio: "ignore" });
  cpSync(join(root, "examples/quickstart/migrations"), join(app, "migrations"), {
    recursive: true,
  });
  writeFileSync(join(app, "mig.config.json"), '{ "scriptLocation": "migrations" }\n');

  const up = mig(app, "up");
  expect(up.code, up.out).toBe(0);
  expect(tables(app).tables).toEqual(["account", "audit_log", "mig_log", "mig_version", "post"]);
  const current = mig(app, "current");
  expect(current.code, current.out).toBe(0);
  expect(current.stdout.trim()).toBe("4d5e6f708192 (audit) (head)");
  const down = mig(app, "down", "base");
  expect(down.code, down.out).toBe(0);
  // Only mig's own tables are left: the version table empty, the applied log kept.
  expect(tables(app)).toEqual({ tables: ["mig_log", "mig_version"], rows: 0 });
  // The data directory's lock file is gone once each command has closed it.
  expect(existsSync(join(app, "pgdata.mig-lock"))).toBe(false);
}, 600_000);
