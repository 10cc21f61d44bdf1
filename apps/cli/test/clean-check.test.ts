import { readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { aheadEnv } from "./clock-ahead.js";
import { mig as migNow, sqliteProject, tableScript } from "./run-cli.js";

// mig with its clock ahead (clock-ahead.cjs): the files the test wrote count as settled, so
// the runs cache what they learn of them, as they would of a real project's scripts.
const mig = (cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) =>
  migNow(cwd, args, { ...aheadEnv(), ...env });

// `mig up` remembers a checksum check that found nothing (docs/applied-log.md, "What it
// costs"): the next run with the same database, newest log row, version rows and script
// stats skips it. These show it is skipped, and that no change it depends on is missed.

const A = "aaaa00000001";
const B = "bbbb00000002";

const script = tableScript;

const file = (dir: string, name: string) => join(dir, "migrations", name);
/** Out of the 2 s racy window: a check over younger files is never remembered. */
const age = (path: string, seconds = 60) => {
  const t = Date.now() / 1000 - seconds;
  utimesSync(path, t, t);
};
/** The statement that reads the log's applied rows for the check. */
const READS_APPLIED = /SELECT "revision", "direction", "checksum", "started_at" FROM "mig_log"/;

/** A and B applied, both scripts old, SQL echoed to stderr. */
function project(): string {
  const dir = sqliteProject("sqlite:./app.db", ", logSql: true");
  writeFileSync(file(dir, `0001_${A}.ts`), script(A, null, "ta"));
  writeFileSync(file(dir, `0002_${B}.ts`), script(B, A, "tb"));
  age(file(dir, `0001_${A}.ts`));
  age(file(dir, `0002_${B}.ts`));
  const up = mig(dir, ["up"]);
  expect(up.code, up.stderr).toBe(0);
  return dir;
}

describe("the remembered clean checksum check", () => {
  test("a no-op up after a clean check does not read the log's applied rows again", () => {
    const dir = project();
    const first = mig(dir, ["up"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(READS_APPLIED);
    const second = mig(dir, ["up"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout + second.stderr).toContain(`Nothing to upgrade; the database is at ${B}.`);
    expect(second.stderr).not.toMatch(READS_APPLIED);
    expect(second.stderr).not.toContain("Warning");
  });

  test("an applied script edited after it was remembered is still reported", () => {
    const dir = project();
    expect(mig(dir, ["up"]).code).toBe(0);
    writeFileSync(file(dir, `0001_${A}.ts`), `${script(A, null, "ta")}// edited\n`);
    const up = mig(dir, ["up"]);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toContain(`Warning: applied scripts changed since they ran: ${A} (edited)`);
    const strict = mig(dir, ["up", "--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(`${A} (edited)`);
  });

  test("a database whose log changed under the same scripts is checked again", () => {
    const dir = project();
    expect(mig(dir, ["up"]).code).toBe(0);
    // The database is migrated again from an edited A, then A is put back exactly as it
    // was, mtime included: only the log's newest row tells the states apart.
    const path = file(dir, `0001_${A}.ts`);
    const before = readFileSync(path, "utf8");
    const { mtime } = statSync(path);
    expect(mig(dir, ["down", "base"]).code).toBe(0);
    writeFileSync(path, before.replace("(id INTEGER)", "(id BIGINT)"));
    expect(mig(dir, ["up"]).code).toBe(0);
    writeFileSync(path, before);
    utimesSync(path, mtime, mtime);
    const up = mig(dir, ["up", "--strict"]);
    expect(up.code).toBe(1);
    expect(up.stderr).toContain(`${A} (edited)`);
  });

  test("a script added after it was remembered is run", () => {
    const dir = project();
    expect(mig(dir, ["up"]).code).toBe(0);
    writeFileSync(file(dir, "0003_cccc00000003.ts"), script("cccc00000003", B, "tc"));
    const up = mig(dir, ["up"]);
    expect(up.code, up.stderr).toBe(0);
    expect(mig(dir, ["current"]).stdout).toContain("cccc00000003");
  });
});
