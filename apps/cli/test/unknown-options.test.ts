import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import { sqliteProject, tableScript, tempDir } from "./run-cli.js";

// An option a call does not take is refused before anything opens. TypeScript catches a
// misspelt key in an object literal only; from JavaScript, or an options object built
// elsewhere, `upgrade({ sqll: true })` used to apply the migrations instead of writing SQL.

/** The built @mig/core, as an application imports it. */
const CORE = pathToFileURL(
  fileURLToPath(new URL("../../../packages/core/dist/index.js", import.meta.url)),
).href;

const SQLITE_PACKAGE = fileURLToPath(
  new URL("../../../packages/sqlite/package.json", import.meta.url),
);
const Database = createRequire(SQLITE_PACKAGE)("better-sqlite3") as new (
  file: string,
) => { prepare(sql: string): { all(): unknown[] }; close(): void };

/** Two migrations, none applied: the database file does not exist yet. */
function pending(): string {
  const dir = sqliteProject();
  writeFileSync(join(dir, "migrations", "0001_a.js"), tableScript("aaaa00000001", null, "one"));
  writeFileSync(
    join(dir, "migrations", "0002_b.js"),
    tableScript("bbbb00000002", "aaaa00000001", "two"),
  );
  return dir;
}

/** The tables the database holds; none when there is no database file. */
function tables(dir: string): unknown[] {
  if (!existsSync(join(dir, "app.db"))) return [];
  const db = new Database(join(dir, "app.db"));
  try {
    return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
  } finally {
    db.close();
  }
}

type Call = (...args: unknown[]) => unknown;

async function refusal(name: string, args: unknown[]): Promise<unknown> {
  const call = ((await import(CORE)) as Record<string, Call>)[name]!;
  try {
    // Rejected promise for the async calls; thrown for `init`, which is synchronous.
    await call(...args);
  } catch (error) {
    return error;
  }
  throw new Error(`${name}() accepted the options`);
}

describe("an option the call does not take", () => {
  test("upgrade({ sqll: true }) is refused and the database is left untouched", async () => {
    const dir = pending();
    const error = await refusal("upgrade", [{ cwd: dir, sqll: true }]);
    expect(error).toMatchObject({
      code: "invalid_call",
      usage: true,
      message: "upgrade() has no option 'sqll': did you mean 'sql'?",
      hint: 'For example: upgrade({ target: "head" })',
    });
    expect(tables(dir)).toEqual([]);
  });

  test("an event callback passed beside events: named where it goes", async () => {
    const dir = pending();
    const error = await refusal("upgrade", [{ cwd: dir, onLockWait: () => {} }]);
    expect(error).toMatchObject({
      code: "invalid_call",
      message: "upgrade() has no option 'onLockWait': it goes in events: { onLockWait }.",
    });
    expect(tables(dir)).toEqual([]);
  });

  test("a signal that is not an AbortSignal is refused before anything runs", async () => {
    const dir = pending();
    const error = await refusal("upgrade", [{ cwd: dir, signal: {} }]);
    expect(error).toMatchObject({
      code: "invalid_call",
      message: "upgrade(): 'signal' must be an AbortSignal.",
    });
    expect(tables(dir)).toEqual([]);
  });

  test("an option given as undefined is not a mistake", async () => {
    const dir = pending();
    const { upgrade } = (await import(CORE)) as { upgrade: Call };
    await upgrade({ cwd: dir, notAnOption: undefined });
    expect(tables(dir).length).toBeGreaterThan(0);
  });

  test.each([
    ["downgrade", [{ target: "base", dryRun: true }], "downgrade() has no option 'dryRun'."],
    [
      "stamp",
      [{ revisions: ["head"], purgee: true }],
      "stamp() has no option 'purgee': did you mean 'purge'?",
    ],
    [
      "heads",
      [{ resolveDependency: true }],
      "heads() has no option 'resolveDependency': did you mean 'resolveDependencies'?",
    ],
    ["history", [{ rnage: "base:head" }], "history() has no option 'rnage': did you mean 'range'?"],
    [
      "show",
      [{ revision: ["head"] }],
      "show() has no option 'revision': did you mean 'revisions'?",
    ],
    ["branches", [{ verbose: true }], "branches() has no option 'verbose'."],
    ["current", [{ uri: "sqlite:./app.db" }], "current() has no option 'uri': did you mean 'url'?"],
    ["status", [{ verbose: true }], "status() has no option 'verbose'."],
    ["readLog", [{ limt: 5 }], "readLog() has no option 'limt': did you mean 'limit'?"],
    ["verifyChecksums", [{ strict: true }], "verifyChecksums() has no option 'strict'."],
    [
      "revision",
      [{ message: "m", branch_label: "x" }],
      "revision() has no option 'branch_label': did you mean 'branchLabel'?",
    ],
    [
      "merge",
      [{ revision: ["heads"] }],
      "merge() has no option 'revision': did you mean 'revisions'?",
    ],
    ["autogenerate", [{ message: "m", format: "sql" }], "autogenerate() has no option 'format'."],
    ["check", [{ schemaFile: "schema.ts" }], "check() has no option 'schemaFile'."],
    ["pull", [{ output: "schema.ts" }], "pull() has no option 'output'."],
    [
      "squash",
      [{ range: "aaaa:bbbb", message: "m", keep: true }],
      "squash() has no option 'keep'.",
    ],
    ["baseline", [{ noStamp: true }], "baseline() has no option 'noStamp': did you mean 'stamp'?"],
    ["graphPicture", [{ fmt: "dot" }], "graphPicture() has no option 'fmt'."],
    [
      "upgradeAll",
      [undefined, { concurency: 2 }],
      "upgradeAll() has no option 'concurency': did you mean 'concurrency'?",
    ],
    [
      "downgradeAll",
      [undefined, { target: "base", failfast: true }],
      "downgradeAll() has no option 'failfast': did you mean 'failFast'?",
    ],
    [
      "currentAll",
      [undefined, { targets2: [] }],
      "currentAll() has no option 'targets2': did you mean 'targets'?",
    ],
    [
      "statusAll",
      [undefined, { selct: ["a"] }],
      "statusAll() has no option 'selct': did you mean 'select'?",
    ],
    ["checkAll", [undefined, { sql: true }], "checkAll() has no option 'sql'."],
    [
      "resolveTargets",
      [{ selected: ["a"] }],
      "resolveTargets() has no option 'selected': did you mean 'select'?",
    ],
  ])(
    "%s() refuses it as a usage error, before anything runs or is written",
    async (name, given, message) => {
      const dir = pending();
      // The project's directory goes into the options object, wherever the call takes it.
      const args = (given as unknown[]).map((a) =>
        a === undefined ? a : { cwd: dir, ...(a as object) },
      );
      const before = readdirSync(join(dir, "migrations"));
      const error = await refusal(name, args);
      expect(error).toMatchObject({ code: "invalid_call", usage: true, message });
      expect(readdirSync(join(dir, "migrations"))).toEqual(before);
      expect(tables(dir)).toEqual([]);
    },
  );

  test("init(dir, { templat }) is refused and writes nothing", async () => {
    const dir = tempDir();
    const error = await refusal("init", [dir, { templat: "sql" }]);
    expect(error).toMatchObject({
      code: "invalid_call",
      message: "init() has no option 'templat': did you mean 'template'?",
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});
