import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { mig, type Run, sqliteProject, tempDir } from "./run-cli.js";

// Mistakes with the commands of issue 14 (log, graph, squash, baseline) and their config
// keys, as mistakes.test.ts checks the others: the exit code (2 for a usage error), a
// short plain message saying what to do, no stack trace, no password, nothing half-written.

const SECRET = "s3cret";
const PG_URL = `postgres://u:${SECRET}@127.0.0.1:1/db`;

const script = (rev: string, down: string | null) => `/** ${rev} */
export const revision = "${rev}";
export const downRevision = ${down === null ? "null" : JSON.stringify(down)};
export async function upgrade(op) { await op.execute("CREATE TABLE t_${rev} (id INTEGER)"); }
export async function downgrade(op) { await op.execute("DROP TABLE t_${rev}"); }
`;

/** A SQLite project with revisions a1 <- a2 <- a3 (none applied); `extra` is more config. */
function three(extra = ""): string {
  const dir = sqliteProject("sqlite:./app.db", extra);
  const ids = ["aaaa00000001", "aaaa00000002", "aaaa00000003"];
  ids.forEach((id, i) => {
    writeFileSync(join(dir, "migrations", `000${i + 1}_${id}.ts`), script(id, ids[i - 1] ?? null));
  });
  return dir;
}

/** A project with no revisions, its database holding one table. */
function adopting(url = "sqlite:./app.db"): string {
  const dir = sqliteProject(url);
  writeFileSync(join(dir, "migrations", "0001_x.ts"), script("bbbb00000001", null));
  expect(mig(dir, ["up"]).code).toBe(0);
  return dir;
}

/** A project with the PostgreSQL dialect available, as if @mig/postgres were installed. */
function withPostgres(): string {
  const dir = tempDir();
  mkdirSync(join(dir, "migrations"));
  const built = fileURLToPath(new URL("../../../packages/postgres/dist/index.js", import.meta.url));
  writeFileSync(
    join(dir, "mig.config.mjs"),
    `import { createDialect } from ${JSON.stringify(built)};\nexport default { dialects: [createDialect()] };\n`,
  );
  return dir;
}

interface Mistake {
  readonly name: string;
  readonly code: 1 | 2;
  /** Part of the message the user must see. */
  readonly says: string;
  readonly run: () => Run;
}

const mistakes: Mistake[] = [
  {
    name: "graph --format svg",
    code: 2,
    says: "Allowed choices are mermaid, dot, html",
    run: () => mig(three(), ["graph", "--format", "svg"]),
  },
  {
    name: "graph --out into a missing directory",
    code: 1,
    says: "the directory",
    run: () => mig(three(), ["graph", "--out", "no/such/dir/graph.html", "--no-db"]),
  },
  {
    name: "graph --out naming a directory",
    code: 1,
    says: "it is a directory",
    run: () => mig(three(), ["graph", "--out", "migrations", "--no-db"]),
  },
  {
    name: "squash without a range",
    code: 2,
    says: "needs a range <from>:<to>",
    run: () => mig(three(), ["squash", "aaaa00000001", "-m", "x"]),
  },
  {
    name: "squash with a range of three parts",
    code: 2,
    says: "needs a range <from>:<to>",
    run: () => mig(three(), ["squash", "aaaa00000001:aaaa00000002:head", "-m", "x"]),
  },
  {
    name: "squash of one revision",
    code: 2,
    says: "a squash replaces two or more",
    run: () => mig(three(), ["squash", "aaaa00000002:aaaa00000002", "-m", "x"]),
  },
  {
    name: "squash with the range reversed",
    code: 2,
    says: "Name the oldest revision of the run first",
    run: () => mig(three(), ["squash", "head:aaaa00000001", "-m", "x"]),
  },
  {
    name: "squash naming an unknown revision",
    code: 2,
    says: "zzzz9999",
    run: () => mig(three(), ["squash", "zzzz9999:head", "-m", "x"]),
  },
  {
    name: "squash without -m",
    code: 2,
    says: "-m, --message",
    run: () => mig(three(), ["squash", "aaaa00000001:head"]),
  },
  {
    name: "baseline on a project that has revisions",
    code: 2,
    says: "The project already has 3 revisions",
    run: () => mig(three(), ["baseline", "-m", "x"]),
  },
  {
    name: "baseline on a database mig already manages",
    code: 1,
    says: "already managed by mig",
    run: () => {
      const dir = adopting();
      rmSync(join(dir, "migrations", "0001_x.ts"));
      return mig(dir, ["baseline", "-m", "x"]);
    },
  },
  {
    name: "baseline --sql",
    code: 2,
    says: "it has no --sql mode",
    run: () => mig(sqliteProject(), ["baseline", "--sql"]),
  },
  {
    name: "baseline against a server that refuses, URL with a password",
    code: 1,
    says: "Could not connect",
    run: () => mig(withPostgres(), ["baseline", "--url", PG_URL]),
  },
  {
    name: "log -n abc",
    code: 2,
    says: "-n takes a whole number",
    run: () => mig(three(), ["log", "-n", "abc"]),
  },
  {
    name: "log -n 0",
    code: 2,
    says: "at least 1, not '0'",
    run: () => mig(three(), ["log", "-n", "0"]),
  },
  { name: "log -n -3", code: 2, says: "at least 1", run: () => mig(three(), ["log", "-n", "-3"]) },
  {
    name: "log --verify with no database configured",
    code: 2,
    says: "No database URL is configured",
    run: () => mig(withPostgres(), ["log", "--verify"]),
  },
  {
    name: "log --verify against a server that refuses, URL with a password",
    code: 1,
    says: "Could not connect",
    run: () => mig(withPostgres(), ["log", "--verify", "--url", PG_URL]),
  },
  {
    name: "logTable set to a number",
    code: 2,
    says: "'logTable' must be a string",
    run: () => mig(three(", logTable: 5"), ["up"]),
  },
  {
    name: "logTable naming the version table",
    code: 2,
    says: "'logTable' names the version table",
    run: () => mig(three(', logTable: "mig_version"'), ["log"]),
  },
  {
    name: 'onChecksumMismatch: "fatal"',
    code: 2,
    says: '\'onChecksumMismatch\' must be "warn" or "error"',
    run: () => mig(three(', onChecksumMismatch: "fatal"'), ["up"]),
  },
];

describe("issue 14 mistakes: a plain message, the right exit code, no trace, no password", () => {
  test.each(mistakes)("$name", ({ run, code, says }) => {
    const r = run();
    const all = `${r.stdout}${r.stderr}`;
    expect(r.code, all).toBe(code);
    expect(r.stderr).toContain(says);
    expect(all).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(all).not.toContain("node:internal");
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain("--verbose for details");
    const message = r.stderr
      .trim()
      .split("\n")
      .filter((line) => line.trim() !== "");
    const from = message.findIndex((line) => /error/i.test(line));
    expect(from, r.stderr).toBeGreaterThanOrEqual(0);
    expect(message.slice(from).length, r.stderr).toBeLessThanOrEqual(3);
  });
});

describe("issue 14 mistakes leave nothing behind", () => {
  test("a refused squash and a failed graph --out write no file; a refused log option changes nothing", () => {
    const dir = three();
    const before = readdirSync(join(dir, "migrations")).sort();
    expect(mig(dir, ["squash", "aaaa00000002:aaaa00000001", "-m", "x"]).code).toBe(2);
    expect(mig(dir, ["squash", "aaaa00000002:aaaa00000002", "-m", "x"]).code).toBe(2);
    expect(readdirSync(join(dir, "migrations")).sort()).toEqual(before);
    expect(mig(dir, ["graph", "--out", "migrations", "--no-db"]).code).toBe(1);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(mig(dir, ["graph", "--out", "missing/g.html", "--no-db"]).code).toBe(1);
    expect(existsSync(join(dir, "missing"))).toBe(false);
  });

  test("baseline on a managed database writes no file and leaves the version table", () => {
    const dir = adopting();
    rmSync(join(dir, "migrations", "0001_x.ts"));
    expect(mig(dir, ["baseline", "-m", "x"]).code).toBe(1);
    expect(readdirSync(join(dir, "migrations"))).toEqual([]);
    expect(mig(dir, ["current"]).stdout).toContain("bbbb00000001");
  });
});
