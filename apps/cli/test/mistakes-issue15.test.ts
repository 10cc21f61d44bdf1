import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { mig, type Run, tempDir } from "./run-cli.js";

// Mistakes with fleets (issue 15: targets, `--all`, the lock table), as the other mistakes
// files check theirs: the exit code (2 for a usage error), a short plain message with the
// fix, no stack trace, no password, no target touched when the whole fleet is wrong.

const SECRET = "s3cret";
const SQLITE = fileURLToPath(new URL("../../../packages/sqlite/dist/index.js", import.meta.url));
const MYSQL = fileURLToPath(new URL("../../../packages/mysql/dist/index.js", import.meta.url));

const script = (rev: string, down: string | null) => `/** ${rev} */
export const revision = "${rev}";
export const downRevision = ${down === null ? "null" : JSON.stringify(down)};
export async function upgrade(op) { await op.execute("CREATE TABLE t_${rev} (id INTEGER)"); }
export async function downgrade(op) { await op.execute("DROP TABLE t_${rev}"); }
`;

/**
 * A project with revisions c1 <- c2 and the config `targets: <targets>` (a JS expression),
 * plus `extra` config keys; the SQLite dialect (and MySQL's, for URLs of that scheme) loaded
 * by path.
 */
function fleet(targets: string, extra = ""): string {
  const dir = tempDir("mig-fleet-mistake-");
  mkdirSync(join(dir, "migrations"));
  mkdirSync(join(dir, "dbs"));
  writeFileSync(
    join(dir, "mig.config.mjs"),
    `import { createDialect } from ${JSON.stringify(SQLITE)};
import { createDialect as mysql } from ${JSON.stringify(MYSQL)};
export default { dialects: [createDialect(), mysql()], targets: ${targets}${extra} };
`,
  );
  const ids = ["cccc00000001", "cccc00000002"];
  ids.forEach((id, i) => {
    writeFileSync(join(dir, "migrations", `000${i + 1}_${id}.mjs`), script(id, ids[i - 1] ?? null));
  });
  return dir;
}

const three = `[0, 1, 2].map((i) => ({ name: "t" + i, url: "sqlite:./dbs/t" + i + ".db" }))`;

interface Mistake {
  readonly name: string;
  readonly code: 1 | 2;
  /** Part of the message the user must see. */
  readonly says: string;
  readonly run: () => Run;
}

const mistakes: Mistake[] = [
  {
    name: "--concurrency 0",
    code: 2,
    says: "whole number of targets",
    run: () => mig(fleet(three), ["up", "--all", "--concurrency", "0"]),
  },
  {
    name: "--concurrency with a fraction",
    code: 2,
    says: "whole number of targets",
    run: () => mig(fleet(three), ["status", "--all", "--concurrency", "1.5"]),
  },
  {
    name: "--concurrency that is not a number",
    code: 2,
    says: "whole number of targets",
    run: () => mig(fleet(three), ["up", "--all", "--concurrency", "many"]),
  },
  {
    name: "--all with --target",
    code: 2,
    says: "--all runs every target",
    run: () => mig(fleet(three), ["up", "--all", "--target", "t1"]),
  },
  {
    name: "--fail-fast without a fleet flag",
    code: 2,
    says: "add --all",
    run: () => mig(fleet(three), ["up", "--fail-fast"]),
  },
  {
    name: "--concurrency without a fleet flag",
    code: 2,
    says: "add --all",
    run: () => mig(fleet(three), ["current", "--concurrency", "2"]),
  },
  {
    name: "--all with --sql",
    code: 2,
    says: "--sql writes one database's SQL",
    run: () => mig(fleet(three), ["up", "--all", "--sql"]),
  },
  {
    name: "--all with --name",
    code: 2,
    says: "--target",
    run: () => mig(fleet(three), ["up", "--all", "--name", "x"]),
  },
  {
    name: "an unknown target",
    code: 2,
    says: "Known targets: t0, t1, t2",
    run: () => mig(fleet(three), ["up", "--target", "t9"]),
  },
  {
    name: "--targets with an empty name",
    code: 2,
    says: "separated by commas",
    run: () => mig(fleet(three), ["up", "--targets", "t0,,t1"]),
  },
  {
    name: "--target with a comma",
    code: 2,
    says: "for several use --targets",
    run: () => mig(fleet(three), ["up", "--target", "t0,t1"]),
  },
  {
    name: "a config without targets",
    code: 2,
    says: "names no targets",
    run: () => mig(fleet("undefined"), ["up", "--all"]),
  },
  {
    name: "two targets with one name",
    code: 2,
    says: "two targets are named 't'",
    run: () =>
      mig(fleet(`[{ name: "t", url: "sqlite:./a.db" }, { name: "t", url: "sqlite:./b.db" }]`), [
        "up",
        "--all",
      ]),
  },
  {
    name: "a target without a name",
    code: 2,
    says: "name",
    run: () => mig(fleet(`[{ url: "sqlite:./a.db" }]`), ["up", "--all"]),
  },
  {
    name: "a target whose url is not a string",
    code: 2,
    says: "url",
    run: () => mig(fleet(`[{ name: "a", url: 5 }]`), ["up", "--all"]),
  },
  {
    name: "a targets() hook that throws (a failure like a database that is down)",
    code: 1,
    says: "The targets() hook in mig.config.mjs failed: tenant API down",
    run: () => mig(fleet(`() => { throw new Error("tenant API down"); }`), ["up", "--all"]),
  },
  {
    name: "a targets() hook that returns no list",
    code: 2,
    says: "targets() hook",
    run: () => mig(fleet(`async () => ({ t0: "sqlite:./a.db" })`), ["up", "--all"]),
  },
  {
    name: "a target without a URL and none in the config",
    code: 2,
    says: "Target 'a' has no database URL",
    run: () => mig(fleet(`[{ name: "a" }]`), ["up", "--all"]),
  },
  {
    name: "a schema on SQLite",
    code: 2,
    says: "has no schemas",
    run: () =>
      mig(fleet(`[{ name: "a", url: "sqlite:./a.db", schema: "tenant" }]`), ["up", "--all"]),
  },
  {
    name: "an unknown goal revision",
    code: 2,
    says: "No such revision or branch 'nosuch'",
    run: () => mig(fleet(three), ["up", "nosuch", "--all"]),
  },
  {
    name: "down --all without a goal",
    code: 2,
    says: "missing required argument",
    run: () => mig(fleet(three), ["down", "--all"]),
  },
  {
    name: "check --all without a schema module",
    code: 2,
    says: "No `schema` module is configured",
    run: () => mig(fleet(three), ["check", "--all"]),
  },
  {
    name: "check --all with a schema module that is missing",
    code: 2,
    says: "does not exist",
    run: () => mig(fleet(three, `, schema: "./nope.mjs"`), ["check", "--all"]),
  },
  {
    name: "a target URL with ?lock= of an unknown mode fails that target alone",
    code: 1,
    says: "has lock=galera",
    run: () =>
      mig(fleet(`[{ name: "m", url: "mysql://u:${SECRET}@127.0.0.1:1/db?lock=galera" }]`), [
        "current",
        "--all",
      ]),
  },
  {
    name: "a target whose server is down (the password stays masked)",
    code: 1,
    says: "FAILED",
    run: () =>
      mig(fleet(`[{ name: "m", url: "mysql://u:${SECRET}@127.0.0.1:1/db" }]`), ["up", "--all"]),
  },
];

describe("issue 15 mistakes: a plain message, the right exit code, no trace, no password", () => {
  test.each(mistakes)("$name", ({ run, code, says }) => {
    const r = run();
    const all = `${r.stdout}${r.stderr}`;
    expect(r.code, all).toBe(code);
    expect(all).toContain(says);
    expect(all).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(all).not.toContain("node:internal");
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain("--verbose for details");
    if (code === 2) {
      const message = r.stderr
        .trim()
        .split("\n")
        .filter((line) => line.trim() !== "");
      expect(message.length, r.stderr).toBeLessThanOrEqual(3);
    }
  });
});

describe("issue 15 mistakes touch no target", () => {
  test("a whole-fleet mistake opens no target's database", () => {
    const dir = fleet(three);
    expect(mig(dir, ["up", "nosuch", "--all"]).code).toBe(2);
    expect(mig(dir, ["up", "--all", "--concurrency", "0"]).code).toBe(2);
    expect(mig(dir, ["check", "--all"]).code).toBe(2);
    expect(readdirSync(join(dir, "dbs"))).toEqual([]);
    expect(existsSync(join(dir, "dbs", "t0.db"))).toBe(false);
  });
});
