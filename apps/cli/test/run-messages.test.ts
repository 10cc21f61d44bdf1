import { spawnSync } from "node:child_process";
import { chmodSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { status } from "@mig/core";
import { createDialect } from "@mig/sqlite";
import { describe, expect, test } from "vitest";
import { mig, sqliteProject } from "./run-cli.js";

const A = "aaaa00000001";
const B = "bbbb00000002";

function script(revision: string, down: string | null, upBody: string, downBody = ""): string {
  return `/** ${revision} */
export const revision = ${JSON.stringify(revision)};
export const downRevision = ${JSON.stringify(down)};

export async function upgrade(op) {
${upBody}
}

export async function downgrade(op) {
${downBody}
}
`;
}

/** A project with A (creates `log`) and B (inserts a row). */
function twoStep(): string {
  const dir = sqliteProject();
  writeFileSync(
    join(dir, "migrations", `0001_${A}.ts`),
    script(A, null, '  await op.execute("CREATE TABLE log (rev TEXT)");'),
  );
  writeFileSync(
    join(dir, "migrations", `0002_${B}.ts`),
    script(
      B,
      A,
      "  await op.execute(\"INSERT INTO log VALUES ('b')\");",
      '  await op.execute("DELETE FROM log");',
    ),
  );
  return dir;
}

/** 1-based line of the first line of `text` containing `needle`. */
const lineOf = (text: string, needle: string) =>
  text.split("\n").findIndex((l) => l.includes(needle)) + 1;

/**
 * Makes a file or directory unwritable for this process, and returns the undo. Root ignores
 * permission bits, so as root the path is made immutable (`chattr +i`), which binds root
 * too; otherwise its write bits are cleared.
 */
function unwritable(path: string): () => void {
  if (process.getuid?.() !== 0) {
    const mode = statSync(path).mode & 0o777;
    chmodSync(path, mode & 0o555);
    return () => chmodSync(path, mode);
  }
  const r = spawnSync("chattr", ["+i", path], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`chattr +i ${path} failed: ${r.stderr || r.error?.message}`);
  return () => spawnSync("chattr", ["-i", path]);
}

describe("a migration that throws names its file and line, without --verbose", () => {
  test("TypeScript, upgrade and downgrade", () => {
    const dir = twoStep();
    const body = [
      "  const rows: number = 1;",
      '  if (rows === 1) throw new Error("boom up");',
    ].join("\n");
    const text = script(B, A, body, '  throw new TypeError("boom down");');
    writeFileSync(join(dir, "migrations", `0002_${B}.ts`), text);
    const up = mig(dir, ["up"]);
    expect(up.code).toBe(1);
    const file = join("migrations", `0002_${B}.ts`);
    expect(up.stderr).toContain(
      `Error: Upgrade ${B} failed in ${file}:${lineOf(text, "boom up")}: boom up`,
    );
    expect(up.stderr).not.toMatch(/\n\s+at /);
    expect(mig(dir, ["stamp", B]).code).toBe(0);
    const down = mig(dir, ["down", "-1"]);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(
      `Error: Downgrade ${B} failed in ${file}:${lineOf(text, "boom down")}: boom down`,
    );
  });

  test("a JavaScript module script", () => {
    const dir = twoStep();
    const text = script(B, A, '\n\n  throw new Error("from js");');
    writeFileSync(join(dir, "migrations", `0002_${B}.mjs`), text);
    rmSync(join(dir, "migrations", `0002_${B}.ts`));
    const up = mig(dir, ["up"]);
    expect(up.code).toBe(1);
    expect(up.stderr).toContain(
      `failed in ${join("migrations", `0002_${B}.mjs`)}:${lineOf(text, "from js")}: from js`,
    );
  });

  test("a failing statement names the line of the op call and the statement", () => {
    const dir = twoStep();
    const text = script(
      B,
      A,
      [
        '  await op.execute("INSERT INTO log VALUES (1)");',
        '  op.execute("INSERT INTO missing VALUES (1)"); // not awaited',
        '  op.execute("INSERT INTO log VALUES (2)");',
      ].join("\n"),
    );
    writeFileSync(join(dir, "migrations", `0002_${B}.ts`), text);
    const up = mig(dir, ["up"]);
    expect(up.code).toBe(1);
    const at = `${join("migrations", `0002_${B}.ts`)}:${lineOf(text, "missing")}`;
    expect(up.stderr).toContain(
      `Upgrade ${B} failed in ${at} at \`INSERT INTO missing VALUES (1)\`: no such table: missing`,
    );
  });
});

describe("a read-only SQLite database says so, not 'fix the script'", () => {
  test("opened with mode=ro", () => {
    const dir = twoStep();
    expect(mig(dir, ["up", A]).code).toBe(0);
    const r = mig(dir, ["up", "--url", "sqlite:./app.db?mode=ro"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`The SQLite database ${join(dir, "app.db")} is read-only`);
    expect(r.stderr).toContain("drop mode=ro");
    expect(r.stderr).not.toContain("Fix the script");
  });

  test("a file this user may not write", () => {
    const dir = twoStep();
    expect(mig(dir, ["up", A]).code).toBe(0);
    const undo = unwritable(join(dir, "app.db"));
    const r = mig(dir, ["up"]);
    undo();
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`The SQLite database ${join(dir, "app.db")} is read-only`);
    expect(r.stderr).toContain("Fix its permissions");
    expect(r.stderr).toContain(`The database is at ${A}.`);
    expect(r.stderr).not.toContain("Fix the script");
  });
});

test("mig revision into a directory this user may not write names the directory", () => {
  const dir = twoStep();
  const undo = unwritable(join(dir, "migrations"));
  const r = mig(dir, ["revision", "-m", "add users"]);
  undo();
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(
    `Error: Cannot create a migration in ${join(dir, "migrations")}: permission denied.`,
  );
  expect(r.stderr).not.toMatch(/EACCES|\.tmp/);
  expect(readdirSync(join(dir, "migrations")).sort()).toEqual([`0001_${A}.ts`, `0002_${B}.ts`]);
});

test("mig current at base says base, in text and JSON", () => {
  const dir = twoStep();
  expect(mig(dir, ["current"]).stdout).toBe("base (no migrations applied)\n");
  expect(JSON.parse(mig(dir, ["current", "--json"]).stdout)).toEqual({ rows: [], atBase: true });
  mig(dir, ["up"]);
  expect(JSON.parse(mig(dir, ["current", "--json"]).stdout)).toEqual({
    rows: [B],
    atBase: false,
  });
});

test("stamp base shows base as what is stamped, and what it replaced", () => {
  const dir = twoStep();
  expect(mig(dir, ["up"]).code).toBe(0);
  const r = mig(dir, ["stamp", "base"]);
  expect(r.code).toBe(0);
  expect(r.stderr).toContain(`→ stamp base (was ${B}) ...`);
  expect(r.stderr).toMatch(new RegExp(`✓ stamp base \\(was ${B}\\) \\(\\d+ ms\\)`));
  const again = mig(dir, ["stamp", A]);
  expect(again.stderr).toContain(`→ stamp ${A} ...`);
});

test("status() returns plain data: ids, messages, paths and the pending list", async () => {
  const dir = twoStep();
  const options = { cwd: dir, dialects: [createDialect()] };
  expect(mig(dir, ["up", A]).code).toBe(0);
  const result = await status(options);
  expect(result).toEqual({
    rows: [A],
    current: [{ revision: A, message: A, path: join(dir, "migrations", `0001_${A}.ts`) }],
    heads: [B],
    pending: [{ revision: B, message: B, path: join(dir, "migrations", `0002_${B}.ts`) }],
    upToDate: false,
    mismatches: [],
    stopped: [],
  });
  // Nothing internal: it survives a JSON round trip unchanged.
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
});
