import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { mig, tempDir } from "./run-cli.js";

const SQLITE = fileURLToPath(new URL("../../../packages/sqlite/dist/index.js", import.meta.url));
const POSTGRES = fileURLToPath(
  new URL("../../../packages/postgres/dist/index.js", import.meta.url),
);
const script = `/** a */
export const revision = "aaaa00000001";
export const downRevision = null;
export async function upgrade(op) { await op.execute("CREATE TABLE a (id INTEGER)"); }
export async function downgrade(op) { await op.execute("DROP TABLE a"); }
`;

/** A project whose config is `body` (after an import of the SQLite dialect as `sqlite`). */
function project(body: string, file = "mig.config.mjs"): string {
  const dir = tempDir();
  mkdirSync(join(dir, "migrations"));
  writeFileSync(join(dir, "migrations", "0001_a.mjs"), script);
  writeFileSync(
    join(dir, file),
    `import { createDialect as sqlite } from ${JSON.stringify(SQLITE)};\n${body}`,
  );
  return dir;
}

function expectPlain(r: { code: number; stderr: string }, code: number, text: string) {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr).toContain(text);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe("config messages", () => {
  test("no config in the directory: says so, where it looked, and how to make one", () => {
    const dir = tempDir();
    const r = mig(dir, ["up", "--url", "sqlite:./app.db"]);
    expectPlain(r, 2, `No mig.config.* found in ${dir} (looked for mig.config.ts, .mts, .js`);
    expect(r.stderr).toContain("npx --no-install mig init");
    expect(r.stderr).not.toContain("migrations");
    // With a migrations directory, --url alone still runs (as the programmatic API does).
    mkdirSync(join(dir, "migrations"));
    writeFileSync(join(dir, "migrations", "0001_a.mjs"), script);
    const up = mig(dir, ["up", "--url", "sqlite:./app.db"]);
    expect(up.code, up.stderr).toBe(0);
    expect(mig(dir, ["current", "--url", "sqlite:./app.db"]).stdout).toBe("aaaa00000001 (head)\n");
  });

  test("run from inside a project: names the project's config and how to use it", () => {
    const dir = project('export default { url: "sqlite:./app.db", dialects: [sqlite()] };\n');
    const inside = join(dir, "src", "deep");
    mkdirSync(inside, { recursive: true });
    const r = mig(inside, ["up"]);
    expectPlain(r, 2, `No mig.config.* found in ${inside}`);
    expect(r.stderr).toContain(
      `mig reads the config of the directory it runs in: run it in ${dir}, or pass --config ../../mig.config.mjs.`,
    );
    // The config's paths resolve from its own directory, wherever mig runs.
    const up = mig(inside, ["up", "--config", "../../mig.config.mjs"]);
    expect(up.code, up.stderr).toBe(0);
    expect(mig(dir, ["current"]).stdout).toBe("aaaa00000001 (head)\n");
    // --config may name the directory holding the config, as `tsc -p` does.
    expect(mig(inside, ["current", "--config", "../.."]).stdout).toBe("aaaa00000001 (head)\n");
    expectPlain(
      mig(inside, ["current", "--config", "."]),
      2,
      "--config . is a directory with no mig config.",
    );
    expectPlain(mig(dir, ["current", "--config", ""]), 2, "--config was given an empty path.");
  });

  test("two configs side by side are refused, except a .js compiled beside its .ts", () => {
    const dir = project('export default { url: "sqlite:./app.db", dialects: [sqlite()] };\n');
    writeFileSync(join(dir, "mig.config.json"), '{ "url": "sqlite:./other.db" }\n');
    const r = mig(dir, ["up"]);
    expectPlain(
      r,
      2,
      `Error: ${dir} has 2 mig configs: mig.config.mjs, mig.config.json; mig would read only mig.config.mjs.\nKeep one, or choose with --config (e.g. --config mig.config.json).\n`,
    );
    expect(readdirSync(dir).sort()).toEqual(["mig.config.json", "mig.config.mjs", "migrations"]);
    expect(mig(dir, ["up", "--config", "mig.config.mjs"]).code).toBe(0);
    // mig.config.ts with the mig.config.js a compiler wrote beside it: the .ts is read.
    const ts = project(
      'export default { url: "sqlite:./app.db", dialects: [sqlite()] };\n',
      "mig.config.ts",
    );
    writeFileSync(join(ts, "mig.config.js"), "export default { url: 'sqlite:./js.db' };\n");
    const up = mig(ts, ["up"]);
    expect(up.code, up.stderr).toBe(0);
    expect(readdirSync(ts)).toContain("app.db");
    expect(readdirSync(ts)).not.toContain("js.db");
  });

  test("a config exporting a function or nothing says which, and how to write it", () => {
    const fn = project(
      'export default () => ({ url: "sqlite:./app.db", dialects: [sqlite()] });\n',
    );
    expectPlain(mig(fn, ["current"]), 2, "mig.config.mjs exports a function, not an object.");
    const none = project("export const url = 1;\n");
    expectPlain(mig(none, ["current"]), 2, "mig.config.mjs has no default export.");
    expect(mig(none, ["current"]).stderr).toContain("export default defineConfig({ ... })");
  });

  test("a syntax error names file:line:column", () => {
    const ts = tempDir();
    writeFileSync(
      join(ts, "mig.config.ts"),
      'export default {\n  url: "sqlite:./a.db",\n  x: ,\n};\n',
    );
    expectPlain(mig(ts, ["heads"]), 2, "Syntax error in mig.config.ts:3:6: Unexpected token.");
    const js = tempDir();
    writeFileSync(
      join(js, "mig.config.mjs"),
      'export default {\n  url: "sqlite:./a.db",\n  x: ,\n};\n',
    );
    expectPlain(mig(js, ["heads"]), 2, "Syntax error in mig.config.mjs:3:6: Unexpected token ','.");
    const json = tempDir();
    writeFileSync(join(json, "mig.config.json"), '{\n  "url": "sqlite:./a.db",\n}\n');
    expectPlain(mig(json, ["heads"]), 2, "Cannot read mig.config.json:3:1:");
  });

  test("wrong types in the config are usage errors (exit 2, config_invalid), pool included", () => {
    const cases: [string, string][] = [
      [
        'export default { lockTimeout: "sixty", dialects: [sqlite()] };',
        `mig.config.mjs: 'lockTimeout' must be a number of seconds ≥ 0 (got "sixty").`,
      ],
      [
        "export default { lockTimeout: -1 };",
        "'lockTimeout' must be a number of seconds ≥ 0 (got -1).",
      ],
      [
        "export default { pool: { poolSize: -1 } };",
        "mig.config.mjs: pool.poolSize must be a whole number ≥ 0 (got -1).",
      ],
      [
        'export default { pool: { poolTimeout: "30s" } };',
        'pool.poolTimeout must be milliseconds ≥ 0 (got "30s").',
      ],
      ["export default { pool: { size: 5 } };", "'pool' has an unknown key 'size'."],
      ['export default { transactionPerMigration: "yes" };', "'transactionPerMigration' must be"],
      [
        "export default { databases: { main: { lockTimeout: Number.NaN } } };",
        "mig.config.mjs (databases.main): 'lockTimeout' must be a number",
      ],
    ];
    for (const [body, message] of cases) {
      const r = mig(project(body), ["up", "--json"]);
      expect(r.code, body).toBe(2);
      const error = JSON.parse(r.stdout).error;
      expect(error.code).toBe("config_invalid");
      expect(error.message).toContain(message);
    }
    // A bad pool parameter in the URL is also exit 2.
    const pg = `import { createDialect as postgres } from ${JSON.stringify(POSTGRES)};\n`;
    const url = mig(project(`${pg}export default { dialects: [postgres()] };`), [
      "current",
      "--url",
      "postgres://app@127.0.0.1:1/app?pool_size=-3",
    ]);
    expect(url.code, url.stderr).toBe(2);
    expect(url.stderr).toContain("pool_size=-3");
  });
});

describe("which database a command uses", () => {
  test("an in-memory SQLite URL says nothing is kept", () => {
    const dir = project("export default { dialects: [sqlite()] };");
    for (const url of ["sqlite://", "sqlite::memory:"]) {
      const up = mig(dir, ["up", "--url", url]);
      expect(up.code, up.stderr).toBe(0);
      expect(up.stderr.split("\n")[0]).toBe(
        `Using ${url} (sqlite; in memory: nothing is kept after this run)`,
      );
    }
    expect(readdirSync(dir).sort()).toEqual(["mig.config.mjs", "migrations"]);
  });

  test("up and down start with the database, its password masked; current -v too", () => {
    const dir = project(
      `import { createDialect as postgres } from ${JSON.stringify(POSTGRES)};\nexport default { dialects: [sqlite(), postgres()] };`,
    );
    const up = mig(dir, ["up", "--url", "sqlite:./app.db"]);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr.split("\n")[0]).toBe("Using sqlite:./app.db (sqlite)");
    expect(mig(dir, ["current", "-v", "--url", "sqlite:./app.db"]).stderr).toContain(
      "Using sqlite:./app.db (sqlite)",
    );
    const down = mig(dir, ["down", "base", "--url", "sqlite:./app.db"]);
    expect(down.stderr.split("\n")[0]).toBe("Using sqlite:./app.db (sqlite)");
    // Said before connecting: a server that is not there still shows which one was tried.
    const pg = mig(dir, ["up", "--url", "postgres://app:s3cr3t@127.0.0.1:1/app"]);
    expect(pg.code).toBe(1);
    expect(pg.stderr.split("\n")[0]).toBe("Using postgres://app:***@127.0.0.1:1/app (postgres)");
    expect(pg.stderr + pg.stdout).not.toContain("s3cr3t");
  });

  test("DATABASE_URL from .env next to the config, said when used; the environment and --url win", () => {
    const dir = project(
      'export default { url: process.env.DATABASE_URL ?? "sqlite:./default.db", dialects: [sqlite()] };',
    );
    writeFileSync(join(dir, ".env"), "# local\nOTHER=1\nDATABASE_URL=sqlite:./from-env-file.db\n");
    const up = mig(dir, ["up"]);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr.split("\n")[0]).toBe(
      "Using sqlite:./from-env-file.db (sqlite); DATABASE_URL read from .env",
    );
    const current = mig(dir, ["current"]);
    expect(current.stdout).toBe("aaaa00000001 (head)\n");
    expect(current.stderr).toBe("DATABASE_URL read from .env\n");
    const env = mig(dir, ["current"], { DATABASE_URL: "sqlite:./from-environment.db" });
    expect(env.stdout).toBe("base (no migrations applied)\n");
    // Not created by a command that only reads: said, since the URL does not show it.
    expect(env.stderr).toMatch(
      /^Note: sqlite:\.\/from-environment\.db \(no file at .*from-environment\.db yet: read as an empty database, none created\)\.\n$/,
    );
    const flag = mig(dir, ["up", "--url", "sqlite:./flag.db"]);
    expect(flag.stderr.split("\n")[0]).toBe("Using sqlite:./flag.db (sqlite)");
    // A config without `url` reads it from .env as well, and --config finds the .env beside it.
    const nested = project("export default { dialects: [sqlite()] };");
    writeFileSync(join(nested, ".env"), "DATABASE_URL=sqlite:./nested.db\n");
    const other = tempDir();
    const r = mig(other, ["current", "-v", "--config", join(nested, "mig.config.mjs")]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /Using sqlite:\.\/nested\.db \(sqlite; no file at .*nested\.db yet: read as an empty database, none created\); DATABASE_URL read from/,
    );
  });
});
