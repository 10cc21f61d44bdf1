import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import {
  FUZZ_SCHEMES,
  fuzzPassword,
  fuzzUrls,
  leakedForm,
  seededRandom,
  urlShapes,
} from "../../../packages/core/test/url-fuzz.js";
import { BIN, tempDir } from "./run-cli.js";

/** Built packages, loaded as an application would load them. */
const dist = (pkg: string) =>
  pathToFileURL(fileURLToPath(new URL(`../../../packages/${pkg}/dist/index.js`, import.meta.url)))
    .href;

interface Thrown {
  readonly code?: string;
  readonly message: string;
  readonly hint?: string;
  readonly stack?: string;
}

/** Runs `current` from code; the error, or undefined when it connected. */
async function apiError(url: string, cwd: string): Promise<Thrown | undefined> {
  const core = (await import(dist("core"))) as {
    current(o: object): Promise<unknown>;
  };
  const dialects = await Promise.all(
    ["sqlite", "postgres", "mysql"].map(async (p) => {
      const m = (await import(dist(p))) as { createDialect(): unknown };
      return m.createDialect();
    }),
  );
  try {
    await core.current({ url, cwd, scriptLocation: "migrations", dialects });
    return undefined;
  } catch (error) {
    return error as Thrown;
  }
}

/** A project whose config loads every dialect by path (temp dirs have no node_modules). */
function project(): string {
  const dir = tempDir("mig-secrets-");
  mkdirSync(join(dir, "migrations"));
  const imports = ["sqlite", "postgres", "mysql"]
    .map((p, i) => `import { createDialect as d${i} } from ${JSON.stringify(dist(p))};`)
    .join("\n");
  const config = `${imports}\nexport default { dialects: [d0(), d1(), d2()] };\n`;
  writeFileSync(join(dir, "mig.config.mjs"), config);
  return dir;
}

function cli(cwd: string, args: readonly string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "" },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    child.stderr.on("data", (d: Buffer) => (out += d));
    child.on("error", reject);
    child.on("close", (c) => resolve({ code: c ?? -1, out }));
  });
}

/** Checks one URL from code and through the CLI (text with --verbose, or --json). */
async function check(cwd: string, url: string, password: string, where: string, json: boolean) {
  // A SQLite URL without `//` is a file name, whatever it contains: it may just work.
  const error = await apiError(url, cwd);
  const thrown = [error?.message, error?.hint, String(error), error?.stack].join("\n");
  expect(leakedForm(thrown, password), `${where} (API): ${thrown}`).toBeUndefined();
  if (error) expect(error.hint, `${where}: ${thrown}`).toBeTruthy();
  const usage = error?.code === "invalid_url" || error?.code === "dialect_missing";
  for (const mode of [json ? ["--json"] : ["--verbose"]]) {
    const run = await cli(cwd, ["current", "--url", url, ...mode]);
    expect(leakedForm(run.out, password), `${where} (${mode}): ${run.out}`).toBeUndefined();
    expect(run.code, `${where} (${mode}): ${run.out}`).toBe(error ? (usage ? 2 : 1) : 0);
    if (mode[0] === "--json") expect(run.out, where).not.toMatch(/\n\s+at /);
  }
}

function serverUrl(name: string): string {
  const url = process.env[name];
  if (!url) throw new Error(`${name} is not set: start the test servers (scripts/db/*.sh).`);
  return url;
}

describe("a database URL's password is never printed", () => {
  test("fuzzed URLs on every scheme, from code (all) and through the CLI (a sample)", async () => {
    const cwd = project();
    const all = fuzzUrls(7, 12);
    for (const { url, password, shape } of all) {
      const error = await apiError(url, cwd);
      const thrown = [error?.message, error?.hint, String(error), error?.stack].join("\n");
      expect(leakedForm(thrown, password), `${shape}: ${url}: ${thrown}`).toBeUndefined();
      if (error || !url.startsWith("sqlite:"))
        expect(error?.hint, `${shape}: ${url}: ${thrown}`).toBeTruthy();
    }
    const random = seededRandom(11);
    for (const scheme of FUZZ_SCHEMES) {
      const shapes = urlShapes(scheme, fuzzPassword(random));
      for (const [i, { url, password, shape }] of [0, 4].map((n) => shapes[n]!).entries()) {
        await check(cwd, url, password, `${scheme} ${shape}: ${url}`, i % 2 === 1);
      }
    }
  }, 240_000);

  test("a wrong password against the real PostgreSQL and MariaDB servers", async () => {
    const cwd = project();
    const random = seededRandom(13);
    for (const name of ["MIG_TEST_POSTGRES_URL", "MIG_TEST_MYSQL_URL"]) {
      const server = new URL(serverUrl(name));
      for (const json of [false, true]) {
        const password = fuzzPassword(random);
        const url = new URL(server);
        url.password = encodeURIComponent(password);
        const where = `${name} with password ${JSON.stringify(password)}`;
        await check(cwd, url.toString(), password, where, json);
        const error = await apiError(url.toString(), cwd);
        expect(error?.code, where).toBe("connection_failed");
      }
    }
  }, 120_000);

  test("a SQLAlchemy driver scheme says to drop the driver", async () => {
    const cwd = project();
    const run = await cli(cwd, ["current", "--url", "postgresql+psycopg2://app:Zq9xW@h/db"]);
    expect(run.code).toBe(2);
    expect(run.out).toContain("mig takes plain 'postgresql:' URLs");
    expect(run.out).toContain("Drop '+psycopg2' from the scheme");
    expect(run.out).not.toContain("mig-dialect");
    expect(run.out).not.toContain("Zq9xW");
    const sqlite = await cli(cwd, ["current", "--url", "sqlite+pysqlite:///app.db"]);
    expect(sqlite.code).toBe(2);
    expect(sqlite.out).toContain("sqlite:///app.db");
  });
});
