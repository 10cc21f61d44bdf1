import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { mig, type Run, sqliteProject, tempDir } from "./run-cli.js";

// Mistakes a new user makes, each checked for what the user sees: a non-zero exit
// (2 for a usage error), a short plain message, no stack trace, no password.

const SECRET = "Sup3r-s3cret";

const script = (rev: string, down: string | null, body = "", extra = "") => `/** ${rev} */
export const revision = "${rev}";
export const downRevision = ${down === null ? "null" : JSON.stringify(down)};
export const branchLabels = [];
export const dependsOn = [];
${extra}
export async function upgrade(op) { ${body} }
export async function downgrade(op) {}
`;

/** A SQLite project with the given migration files. */
function project(files: Record<string, string> = {}): string {
  const dir = sqliteProject();
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, "migrations", name), text);
  }
  return dir;
}

const one = () => project({ "0001_a.ts": script("aaaa00000000", null) });

const built = (pkg: string) =>
  JSON.stringify(fileURLToPath(new URL(`../../../packages/${pkg}/dist/index.js`, import.meta.url)));

/** A project with the PostgreSQL dialect available, as if @mig/postgres were installed. */
function withPostgres(): string {
  const dir = tempDir();
  mkdirSync(join(dir, "migrations"));
  writeFileSync(
    join(dir, "mig.config.mjs"),
    `import { createDialect } from ${built("postgres")};\nexport default { dialects: [createDialect()] };\n`,
  );
  return dir;
}

interface Mistake {
  readonly name: string;
  readonly run: () => Run;
  readonly code: 1 | 2;
}

const mistakes: Mistake[] = [
  { name: "unknown command", code: 2, run: () => mig(one(), ["upp"]) },
  { name: "unknown option", code: 2, run: () => mig(one(), ["up", "--force"]) },
  { name: "unknown target", code: 2, run: () => mig(one(), ["up", "zzzz"]) },
  { name: "down without a target", code: 2, run: () => mig(one(), ["down"]) },
  { name: "revision without -m", code: 2, run: () => mig(one(), ["revision"]) },
  { name: "a relative target that is not a number", code: 2, run: () => mig(one(), ["up", "+x"]) },
  {
    name: "a range that is not a range",
    code: 2,
    run: () => mig(one(), ["history", "-r", "a:b:c"]),
  },
  { name: "stamp an unknown revision", code: 2, run: () => mig(one(), ["stamp", "nope1234"]) },
  { name: "show an unknown revision", code: 2, run: () => mig(one(), ["show", "nope1234"]) },
  { name: "merge with a single head", code: 2, run: () => mig(one(), ["merge", "-m", "x"]) },
  {
    name: "--lock-timeout that is not a number",
    code: 2,
    run: () => mig(one(), ["up", "--lock-timeout", "abc"]),
  },
  { name: "down --sql without a range", code: 2, run: () => mig(one(), ["down", "base", "--sql"]) },
  {
    name: "a --config that does not exist",
    code: 2,
    run: () => mig(one(), ["up", "--config", "nope.ts"]),
  },
  { name: "a URL without a scheme", code: 2, run: () => mig(one(), ["up", "--url", "app.db"]) },
  {
    name: "a URL with a password and no scheme",
    code: 2,
    run: () => mig(one(), ["up", "--url", `//me:${SECRET}@localhost/db`]),
  },
  {
    name: "a URL of an unknown database",
    code: 2,
    run: () => mig(one(), ["up", "--url", `foodb://me:${SECRET}@localhost/x`]),
  },
  {
    name: "a URL whose password has an unencoded #",
    code: 2,
    run: () => mig(withPostgres(), ["up", "--url", `postgres://me:${SECRET}#x@localhost/db`]),
  },
  {
    name: "a URL whose password has an unencoded ? and /",
    code: 2,
    run: () => mig(withPostgres(), ["up", "--url", `postgres://me:${SECRET}?/x@localhost/db`]),
  },
  {
    name: "a URL whose password has a bad percent escape",
    code: 2,
    run: () => mig(withPostgres(), ["up", "--url", `postgres://me:${SECRET}%zz@localhost/db`]),
  },
  {
    name: "a PostgreSQL server that is not there",
    code: 1,
    run: () => mig(withPostgres(), ["current", "--url", `postgres://me:${SECRET}@127.0.0.1:1/db`]),
  },
  {
    name: "a SQLite file in a directory that does not exist",
    code: 1,
    run: () => mig(one(), ["up", "--url", "sqlite:/nonexistent-dir/x/app.db"]),
  },
  {
    name: "init into a project that already has one",
    code: 2,
    run: () => {
      const dir = tempDir();
      mig(dir, ["init", "db"]);
      return mig(dir, ["init", "db"]);
    },
  },
  {
    name: "a config with a syntax error",
    code: 2,
    run: () => {
      const dir = tempDir();
      writeFileSync(join(dir, "mig.config.mjs"), "export default { url: 'sqlite:./a.db', \n");
      return mig(dir, ["heads"]);
    },
  },
  {
    name: "a config that throws",
    code: 2,
    run: () => {
      const dir = tempDir();
      writeFileSync(join(dir, "mig.config.mjs"), "throw new Error('config exploded');\n");
      return mig(dir, ["heads"]);
    },
  },
  {
    name: "a config key misspelt",
    code: 2,
    run: () => {
      const dir = tempDir();
      writeFileSync(join(dir, "mig.config.json"), '{ "scriptLocaton": "migrations" }');
      return mig(dir, ["heads"]);
    },
  },
  {
    name: "two scripts with the same revision id",
    code: 1,
    run: () =>
      mig(
        project({
          "0001_a.ts": script("aaaa00000000", null),
          "0002_b.ts": script("aaaa00000000", null),
        }),
        ["heads"],
      ),
  },
  {
    name: "a downRevision that no script defines",
    code: 1,
    run: () => mig(project({ "0001_a.ts": script("aaaa00000000", "bbbb00000000") }), ["heads"]),
  },
  {
    name: "a cycle in the graph",
    code: 1,
    run: () =>
      mig(
        project({
          "0001_a.ts": script("aaaa00000000", "bbbb00000000"),
          "0002_b.ts": script("bbbb00000000", "aaaa00000000"),
        }),
        ["heads"],
      ),
  },
  {
    name: "a header that cannot be read without running the script",
    code: 1,
    run: () =>
      mig(
        project({
          "0001_a.ts": script("aaaa00000000", null).replace('"aaaa00000000"', "makeId()"),
        }),
        ["heads"],
      ),
  },
  {
    name: "a SQL script without its up section",
    code: 1,
    run: () =>
      mig(
        project({
          "0001_a.sql":
            "-- revision: aaaa00000000\n-- down_revision: none\nCREATE TABLE t (id int);\n",
        }),
        ["up"],
      ),
  },
  {
    name: "a migration with a TypeScript syntax error",
    code: 1,
    run: () =>
      mig(project({ "0001_a.ts": script("aaaa00000000", null, "op.execute('SELECT 1'") }), ["up"]),
  },
  {
    name: "a migration that throws",
    code: 1,
    run: () =>
      mig(project({ "0001_a.ts": script("aaaa00000000", null, "throw new Error('boom');") }), [
        "up",
      ]),
  },
  {
    name: "a migration with bad SQL",
    code: 1,
    run: () =>
      mig(project({ "0001_a.ts": script("aaaa00000000", null, "await op.execute('SELEC 1');") }), [
        "up",
      ]),
  },
  {
    name: "a migration importing a package that is not installed",
    code: 1,
    run: () =>
      mig(
        project({ "0001_a.ts": script("aaaa00000000", null, "", 'import "no-such-package-xyz";') }),
        ["up"],
      ),
  },
  {
    name: "a migration with a misspelt column option",
    code: 1,
    run: () =>
      mig(
        project({
          "0001_a.ts": script(
            "aaaa00000000",
            null,
            "await op.createTable('t', { id: { type: 'integer' } }); await op.addColumn('t', 'c', { type: 'text', nulable: false });",
          ),
        }),
        ["up"],
      ),
  },
  {
    name: "a migration calling an operation that does not exist",
    code: 1,
    run: () =>
      mig(project({ "0001_a.ts": script("aaaa00000000", null, "op.createTabel('t', {});") }), [
        "up",
      ]),
  },
];

describe("mistakes: a plain message, the right exit code, no trace, no password", () => {
  test.each(mistakes)("$name", ({ run, code }) => {
    const r = run();
    const all = `${r.stdout}${r.stderr}`;
    expect(r.code, all).toBe(code);
    expect(all).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(all).not.toContain("node:internal");
    expect(all).not.toContain(SECRET);
    const message = r.stderr
      .trim()
      .split("\n")
      .filter((line) => line.trim() !== "");
    expect(message.length, r.stderr).toBeGreaterThan(0);
    // The message itself, past any progress lines, is short: what went wrong and the fix.
    const from = message.findIndex((line) => /error/i.test(line));
    expect(message.slice(Math.max(from, 0)).length, r.stderr).toBeLessThanOrEqual(3);
  });

  test("a failed migration leaves the version table as it was", () => {
    const dir = project({
      "0001_a.ts": script("aaaa00000000", null, "await op.execute('CREATE TABLE t1 (id int)');"),
      "0002_b.ts": script("bbbb00000000", "aaaa00000000", "await op.execute('SELEC 1');"),
    });
    expect(mig(dir, ["up"]).code).toBe(1);
    expect(mig(dir, ["current"]).stdout).toBe("aaaa00000000\n");
    mkdirSync(join(dir, "unused"));
  });
});

describe("masking a password does not garble the message", () => {
  test("a one-letter password is not masked inside other words", () => {
    const r = mig(withPostgres(), ["current", "--url", "postgres://me:p@127.0.0.1:1/db"]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain("***ort");
    expect(r.stderr).toContain("127.0.0.1:1");
  });
});
