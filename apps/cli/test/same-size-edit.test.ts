import { utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { aheadEnv } from "./clock-ahead.js";
import { mig as migNow, sqliteProject } from "./run-cli.js";

// A script edited to the same size with its mtime put back (cp -p, tar x, rsync -t,
// touch -d, a build pinning every mtime) must be seen by every cache: the index's header
// and the bundle's compiled body. Its ctime moved; that is what the caches compare.

// mig with its clock ahead (clock-ahead.cjs): what a run learns of the files is cached.
const mig = (cwd: string, args: readonly string[]) => migNow(cwd, args, aheadEnv());

const script = (revision: string, body: string) => `/** ${revision} */
export const revision = ${JSON.stringify(revision)};
export const downRevision = null;
export async function upgrade(op) { op.execute("SELECT ${body}"); }
export async function downgrade(op) {}
`;

const OLD = new Date("2026-01-01T00:00:00Z");

/** A project of one script; `put(text)` writes it again with the same mtime (2026-01-01). */
function oneScript(text: string) {
  const dir = sqliteProject();
  const file = join(dir, "migrations", "0001_a.ts");
  const put = (next: string) => {
    writeFileSync(file, next);
    utimesSync(file, OLD, OLD);
  };
  put(text);
  return { dir, put };
}

test("mig history and mig up --sql see a same-size edit whose mtime was put back", () => {
  const { dir, put } = oneScript(script("aaaa00000001", "111"));
  // The runs before the edit fill the caches, so the run after it is served from them
  // unless it sees the edit.
  for (let run = 0; run < 2; run++) {
    expect(mig(dir, ["history"]).stdout).toContain("<base> -> aaaa00000001 (head)");
    expect(mig(dir, ["up", "--sql"]).stdout).toContain("SELECT 111;");
  }

  put(script("bbbb00000001", "222"));

  const history = mig(dir, ["history"]);
  expect(history.code).toBe(0);
  expect(history.stdout).toContain("<base> -> bbbb00000001 (head)");
  const sql = mig(dir, ["up", "--sql"]);
  expect(sql.code).toBe(0);
  expect(sql.stdout).toContain("SELECT 222;");
  expect(sql.stdout).not.toContain("SELECT 111;");
});

test("mig up --sql runs an edited body of the same size and revision", () => {
  const { dir, put } = oneScript(script("aaaa00000001", "111"));
  expect(mig(dir, ["up", "--sql"]).stdout).toContain("SELECT 111;");
  expect(mig(dir, ["up", "--sql"]).stdout).toContain("SELECT 111;");

  put(script("aaaa00000001", "333"));
  const sql = mig(dir, ["up", "--sql"]);
  expect(sql.stdout).toContain("SELECT 333;");
  expect(sql.stdout).not.toContain("SELECT 111;");
});
