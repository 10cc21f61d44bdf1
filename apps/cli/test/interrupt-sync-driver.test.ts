import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { interruptMig, mig, sqliteProject } from "./run-cli.js";

// better-sqlite3 runs each statement on the main thread: while a long one runs, Node hears
// no signal, and the step used to commit and the run end "Done" with exit 0 after Ctrl-C.
/** A project whose one migration writes `started` and then runs seconds of SQL in one statement. */
function slowProject(extra = ""): { dir: string; started: string } {
  const dir = sqliteProject();
  const started = join(dir, "started");
  writeFileSync(
    join(dir, "migrations", "0001_slow.mjs"),
    `import { writeFileSync } from "node:fs";${extra}
export const revision = "aaaa00000001";
export const downRevision = null;
export async function upgrade(op) {
  op.execute("CREATE TABLE big (n INTEGER)");
  writeFileSync(${JSON.stringify(started)}, "");
  // Seconds of work in one statement, with no await between it and the commit.
  op.execute("INSERT INTO big WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 30000000) SELECT x FROM c");
}
export async function downgrade(op) { op.execute("DROP TABLE big"); }
`,
  );
  return { dir, started };
}

/** Runs `mig up`, sends SIGINT once the migration has started; the exit code and stderr. */
function interruptedUp(dir: string, started: string) {
  return interruptMig(dir, ["up"], () => existsSync(started));
}

test("Ctrl-C during a long SQLite statement rolls the migration back (exit 130)", async () => {
  const { dir, started } = slowProject();
  const { code, stderr } = await interruptedUp(dir, started);
  expect(code, stderr).toBe(130);
  expect(stderr.trim().split("\n").at(-1)).toBe(
    "Error: Interrupted: the upgrade of aaaa00000001 was rolled back; the database is at base (no revision).",
  );
  expect(mig(dir, ["current"]).stdout).toBe("base (no migrations applied)\n");
  // The table went with the rollback (mig's own tables are not pulled).
  const tables = mig(dir, ["pull", "--out", "schema.ts"]);
  expect(tables.stderr).toContain("The database has no tables");
}, 180_000);

test("Ctrl-C during a long statement of a script outside a transaction says its statements stay", async () => {
  const { dir, started } = slowProject("\nexport const transactional = false;");
  const { code, stderr } = await interruptedUp(dir, started);
  expect(code, stderr).toBe(130);
  // It said "rolled back, except any DDL it ran": nothing was rolled back, and SQLite's DDL can be.
  expect(stderr).toContain(
    "Error: Interrupted: the upgrade of aaaa00000001 was stopped; it runs outside a transaction, so the statements it ran stay; the database is at base (no revision).\n",
  );
  expect(stderr).toContain("`mig status` shows it half applied;");
  expect(mig(dir, ["status"]).stdout).toContain("aaaa00000001");
}, 180_000);
