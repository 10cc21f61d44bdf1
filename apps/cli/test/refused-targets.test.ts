import { readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import { mig, sqliteProject, tableScript } from "./run-cli.js";

// A target that names nothing (a variable left unset in `mig down "$TARGET"`) is refused
// before anything runs: the resolver would read it as `base`, and a downgrade to base
// reverts every migration. Alembic refuses it too. From an application, so are arguments
// of the wrong type, as a rejected promise.

const SQLITE_PACKAGE = fileURLToPath(
  new URL("../../../packages/sqlite/package.json", import.meta.url),
);
const Database = createRequire(SQLITE_PACKAGE)("better-sqlite3") as new (
  file: string,
) => { prepare(sql: string): { all(): unknown[] }; close(): void };

/** Two migrations, both applied. */
function applied(): string {
  const dir = sqliteProject();
  writeFileSync(join(dir, "migrations", "0001_a.js"), tableScript("aaaa00000001", null, "one"));
  writeFileSync(
    join(dir, "migrations", "0002_b.js"),
    tableScript("bbbb00000002", "aaaa00000001", "two"),
  );
  expect(mig(dir, ["up"]).code).toBe(0);
  return dir;
}

/** The version rows and the tables, as the database holds them. */
function state(dir: string) {
  const db = new Database(join(dir, "app.db"));
  try {
    const rows = db.prepare("SELECT version_num FROM mig_version").all();
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('one', 'two')")
      .all();
    return { rows, tables };
  } finally {
    db.close();
  }
}

const AT_HEAD = {
  rows: [{ version_num: "bbbb00000002" }],
  tables: [{ name: "one" }, { name: "two" }],
};

describe("a target that names nothing", () => {
  test.each([
    [["down", ""], "Error: The target is empty."],
    [["downgrade", ""], "Error: The target is empty."],
    [["down", "feature@"], "Error: 'feature@' names no revision after the @."],
    // `mig down "$BRANCH@base"` with BRANCH unset: it ran as `down base`.
    [["down", "@base"], "Error: '@base' names no branch before the @."],
    [["stamp", "@base"], "Error: '@base' names no branch before the @."],
    [["up", "@head"], "Error: '@head' names no branch before the @."],
    [["up", ""], "Error: The target is empty."],
    [["up", "", "--sql"], "Error: The target is empty."],
    [["up", "aaaa:", "--sql"], "Error: The range 'aaaa:' has no end revision."],
    [["down", "head:", "--sql"], "Error: The range 'head:' has no end revision."],
    [["stamp", ""], "Error: The target is empty."],
    [["stamp", "head", ""], "Error: The target is empty."],
    [["show", ""], "Error: The revision is empty."],
  ])("mig %j is refused with exit 2 and leaves the database as it was", (args, message) => {
    const dir = applied();
    const r = mig(dir, args);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines[0]).toBe(message);
    expect(lines).toHaveLength(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe("");
    expect(state(dir)).toEqual(AT_HEAD);
  });

  test.each([
    [["revision", "-m", "x", "--head", ""], "Error: The revision is empty."],
    [["revision", "-m", "x", "--depends-on", ""], "Error: The revision is empty."],
    [
      ["revision", "-m", "x", "--head", "feature@"],
      "Error: 'feature@' names no revision after the @.",
    ],
  ])("mig %j writes no script (an empty --head would start a new root)", (args, message) => {
    const dir = applied();
    const r = mig(dir, args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")[0]).toBe(message);
    expect(readdirSync(join(dir, "migrations")).sort()).toEqual(["0001_a.js", "0002_b.js"]);
  });

  test("the hint names targets that work", () => {
    const dir = applied();
    expect(mig(dir, ["down", ""]).stderr).toContain("mig down -1");
    expect(mig(dir, ["down", "feature@"]).stderr).toContain("Write feature@head, feature@base");
    expect(mig(dir, ["down", "head:", "--sql"]).stderr).toContain("Write head:<revision>");
  });

  test("a range with an empty start still starts from base", () => {
    const dir = applied();
    const r = mig(dir, ["up", ":aaaa00000001", "--sql"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("CREATE TABLE one");
    expect(r.stdout).not.toContain("CREATE TABLE two");
  });
});

/** The built @mig/core, as an application imports it. */
const CORE = pathToFileURL(
  fileURLToPath(new URL("../../../packages/core/dist/index.js", import.meta.url)),
).href;

type Run = (options: Record<string, unknown>) => Promise<unknown>;

describe("from an application", () => {
  test.each([
    ["downgrade", { target: "" }, /The target is empty/],
    ["upgrade", { target: "" }, /The target is empty/],
    ["stamp", { revisions: [] }, /The target is empty/],
    ["stamp", { revisions: [""] }, /The target is empty/],
    ["upgrade", { resume: true, restart: true }, /--resume and --restart exclude each other/],
    ["downgrade", { target: "base", sql: true }, /needs a range/],
    // Callers without the types: a plain message, not a TypeError from inside the run.
    ["downgrade", { target: 1 }, /^downgrade\(\)'s target must be a string, not a number\.$/],
    ["downgrade", undefined, /^downgrade\(\)'s target must be a string, not undefined\.$/],
    ["stamp", { revisions: "head" }, /^stamp\(\)'s revisions must be an array of strings/],
    ["stamp", { revisions: [5] }, /not an array holding a number\.$/],
    ["upgrade", { target: null }, /^upgrade\(\)'s target must be a string, not null\.$/],
    ["upgrade", { cwd: 5 }, /^cwd must be a directory's path, not a number\.$/],
    ["show", { revisions: "head" }, /^show\(\)'s revisions must be an array of strings/],
    ["history", { range: 5 }, /^history\(\)'s range must be a string, not a number\.$/],
  ])(
    "%s(%j) rejects its promise, so .catch sees it, and runs nothing",
    async (name, options, message) => {
      const dir = applied();
      const run = ((await import(CORE)) as Record<string, Run>)[name]!;
      let promise: Promise<unknown> | undefined;
      // No options at all where the case has none (the call's own default, or its refusal).
      const args = options === undefined ? [] : [{ cwd: dir, ...options }];
      expect(() => {
        promise = (run as (...a: unknown[]) => Promise<unknown>)(...args);
      }).not.toThrow();
      const error = await promise!.catch((e: unknown) => e);
      expect(error).toMatchObject({ message: expect.stringMatching(message), usage: true });
      expect(state(dir)).toEqual(AT_HEAD);
    },
  );

  // Every other call: a wrong options value or option is a usage error naming the call.
  const WITH_CWD = "(the project dir as cwd, with)";
  test.each([
    ["current", [5], /^current\(\) takes an options object, not a number\.$/],
    ["status", ["x"], /^status\(\) takes an options object, not a string\.$/],
    ["branches", [[]], /^branches\(\) takes an options object, not an array\.$/],
    ["verifyChecksums", [null], /^verifyChecksums\(\) takes an options object, not null\.$/],
    [
      "heads",
      [WITH_CWD, { resolveDependencies: "yes" }],
      /resolveDependencies must be true or false, not a string\.$/,
    ],
    [
      "readLog",
      [WITH_CWD, { limit: 0 }],
      /^readLog\(\)'s limit must be a whole number of at least 1, not a number\.$/,
    ],
    ["revision", [], /^revision\(\) takes an options object with its message\.$/],
    ["revision", [WITH_CWD, {}], /^revision\(\)'s message must be a string, not undefined\.$/],
    [
      "revision",
      [WITH_CWD, { message: "m", head: 5 }],
      /^revision\(\)'s head must be a string, not a number\.$/,
    ],
    [
      "revision",
      [WITH_CWD, { message: "m", date: "2026" }],
      /^revision\(\)'s date must be a Date, not a string\.$/,
    ],
    [
      "revision",
      [WITH_CWD, { message: "m", dependsOn: "aaaa00000001" }],
      /dependsOn must be an array of strings, not a string\.$/,
    ],
    [
      "merge",
      [WITH_CWD, { revisions: "heads" }],
      /^merge\(\)'s revisions must be an array of strings, not a string\.$/,
    ],
  ])("%s(%s) rejects with a usage error and writes nothing", async (name, given, message) => {
    const dir = applied();
    const run = ((await import(CORE)) as Record<string, Run>)[name]!;
    const args = given[0] === WITH_CWD ? [{ cwd: dir, ...(given[1] as object) }] : given;
    const before = readdirSync(join(dir, "migrations"));
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = (run as (...a: unknown[]) => Promise<unknown>)(...args);
    }).not.toThrow();
    const error = await promise!.catch((e: unknown) => e);
    expect(error).toMatchObject({ message: expect.stringMatching(message), usage: true });
    expect(readdirSync(join(dir, "migrations"))).toEqual(before);
    expect(state(dir)).toEqual(AT_HEAD);
  });
});

describe("a target no revision has", () => {
  // Refused from the graph alone, before the database is opened: a typo used to print
  // "Using sqlite:./app.db" and leave a new empty database file behind.
  test.each([
    [["up", "nosuch"], "Error: No such revision or branch 'nosuch'."],
    [["up", "+1.5"], "Error: '+1.5' is neither a revision nor a relative step."],
    [["up", "nosuch+1"], "Error: No such revision or branch 'nosuch'."],
    [["up", "-1"], "Error: '-1' moves down, but an upgrade only moves up."],
    [["down", "nosuch"], "Error: No such revision or branch 'nosuch'."],
    [["down", "+1"], "Error: '+1' moves up, but a downgrade only moves down."],
    [["down", "-0"], "Error: '-0' moves no steps."],
    [["up", "+0"], "Error: '+0' moves no steps."],
    [["stamp", "head", "nosuch"], "Error: No such revision or branch 'nosuch'."],
    [["down", "typo@base"], "Error: No such branch: 'typo'."],
    [["down", "typo@head"], "Error: No such branch: 'typo'."],
    [["down", "typo@-1"], "Error: No such branch: 'typo'."],
    [["up", "typo@base"], "Error: No such branch: 'typo'."],
    [["up", "typo@+1"], "Error: No such branch: 'typo'."],
    [["stamp", "typo@base"], "Error: No such branch: 'typo'."],
    [["stamp", "typo@-1"], "Error: No such branch: 'typo'."],
  ])("mig %j is refused before a database file is made", (args, message) => {
    const dir = sqliteProject();
    writeFileSync(join(dir, "migrations", "0001_a.js"), tableScript("aaaa00000001", null, "one"));
    const r = mig(dir, args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")[0]).toBe(message);
    expect(r.stderr).not.toContain("Using ");
    expect(readdirSync(dir).sort()).toEqual(["mig.config.mjs", "migrations"]);
  });

  test("a misspelt branch before @base reverts nothing", () => {
    // On a line with one base the label only narrowed what was dropped: `typo@base` ran as
    // `base`, dropping every table.
    const dir = applied();
    const r = mig(dir, ["down", "typo@base"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "Error: No such branch: 'typo'.\nRun `mig history` to see the revisions.\n",
    );
    expect(state(dir)).toEqual(AT_HEAD);
    // A revision id before the @ names its branch, as before.
    expect(mig(dir, ["down", "aaaa00000001@base"]).code).toBe(0);
    expect(state(dir).rows).toEqual([]);
  });

  test("relative steps still count from the database's rows", () => {
    const dir = applied();
    expect(mig(dir, ["down", "-1"]).code).toBe(0);
    expect(mig(dir, ["up", "+1"]).code).toBe(0);
    expect(mig(dir, ["down", "aaaa00000001"]).code).toBe(0);
    expect(state(dir).rows).toEqual([{ version_num: "aaaa00000001" }]);
  });
});
