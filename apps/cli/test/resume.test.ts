import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { mig, sqliteProject } from "./run-cli.js";

const A = "aaaa00000001";

/** Five statements outside a transaction (so they commit one by one, as MySQL DDL does). */
function script(
  dir: string,
  first: string,
  third: string,
  second = "INSERT INTO ra (id) VALUES (1)",
): void {
  const statements = [
    first,
    second,
    third,
    "CREATE TABLE rb (id INTEGER PRIMARY KEY)",
    "INSERT INTO rb (id) VALUES (5)",
  ];
  writeFileSync(
    join(dir, "migrations", `0001_${A}.ts`),
    `export const revision = "${A}";
export const downRevision = null;
export const transactional = false;
export async function upgrade(op) {
${statements.map((s) => `  await op.execute(${JSON.stringify(s)});`).join("\n")}
}
export async function downgrade(op) {}
`,
  );
}

const CREATE = "CREATE TABLE ra (id INTEGER PRIMARY KEY)";
const BROKEN = "INSERT INTO missing (id) VALUES (2)";
const FIXED = "INSERT INTO ra (id) VALUES (2)";

describe("mig up --resume", () => {
  test("refuses a half-applied migration with the hint, refuses a changed start, resumes", () => {
    const dir = sqliteProject();
    script(dir, CREATE, BROKEN);
    const failed = mig(dir, ["up"]);
    expect(failed.code).toBe(1);
    // SQLite rolls DDL back: what kept the statements is the script's own choice.
    expect(failed.stderr).toContain(
      `\n${A} runs outside a transaction (transactional = false): 2 earlier statement(s) of ${A} stay applied`,
    );
    const log = mig(dir, ["log", "-n", "1"]);
    expect(log.stdout).toContain("failed SQLITE_ERROR  2 statement(s) stayed applied");

    script(dir, CREATE, FIXED);
    const plain = mig(dir, ["up"]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain(
      `Error: Migration ${A} failed part way: its first 2 statements stayed applied. Nothing was run.`,
    );
    expect(plain.stderr).toContain("run `mig up --resume` to run the rest");
    expect(plain.stderr.slice(plain.stderr.indexOf("Error:")).trim().split("\n")).toHaveLength(2);

    script(dir, "CREATE TABLE ra (id INTEGER PRIMARY KEY, note TEXT)", FIXED);
    const changed = mig(dir, ["up", "--resume"]);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain(
      `Error: Cannot resume ${A}: the script's first 2 statements changed since they were applied. Nothing was run.`,
    );
    expect(changed.stderr).not.toMatch(/\n\s+at /);

    const sql = mig(dir, ["up", "--resume", "--sql", "base:head"]);
    expect(sql.code).toBe(2);
    expect(sql.stderr).toContain("--resume reads the database's applied log");

    script(dir, CREATE, FIXED);
    const resumed = mig(dir, ["up", "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr + resumed.stdout).toContain(
      `Resuming ${A}: statements 1-2 were applied by the failed run; running the rest.`,
    );
    expect(mig(dir, ["current"]).stdout).toBe(`${A} (head)\n`);
    expect(mig(dir, ["log", "-n", "1"]).stdout).toMatch(/ ok {2}resumed after statement 2 /);

    const again = mig(dir, ["up", "--resume"]);
    expect(again.code).toBe(0);
    expect(again.stderr + again.stdout).toContain(
      "Nothing was half applied: ran as a plain `mig up`.",
    );
  });

  test("--restart runs a half-applied migration from its first statement; not with --resume", () => {
    const dir = sqliteProject();
    script(dir, CREATE, BROKEN);
    expect(mig(dir, ["up"]).code).toBe(1);
    const both = mig(dir, ["up", "--resume", "--restart"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--resume and --restart exclude each other.");
    // Made re-runnable: statement 1 changed, so --resume refuses it, --restart runs it all.
    script(
      dir,
      "CREATE TABLE IF NOT EXISTS ra (id INTEGER PRIMARY KEY)",
      FIXED,
      "INSERT OR IGNORE INTO ra (id) VALUES (1)",
    );
    expect(mig(dir, ["up", "--resume"]).code).toBe(1);
    const restarted = mig(dir, ["up", "--restart"]);
    expect(restarted.code, restarted.stderr).toBe(0);
    expect(mig(dir, ["current"]).stdout).toBe(`${A} (head)\n`);
  });

  test("status names a migration left part way, up or down, until a run completes it", () => {
    const dir = sqliteProject();
    script(dir, CREATE, BROKEN);
    expect(mig(dir, ["up"]).code).toBe(1);
    const up = mig(dir, ["status"]);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain(
      `Half applied: the upgrade of ${A} failed part way: its first 2 statement(s) stayed applied; \`mig up --resume\` or \`--restart\` goes on (docs/resume.md).\n`,
    );
    expect(up.stdout).toContain(`Pending (1):\n  ${A}`);
    const json = JSON.parse(mig(dir, ["status", "--json"]).stdout);
    expect(json.upToDate).toBe(false);
    expect(json.stopped).toEqual([
      { revision: A, direction: "up", statementsDone: 2, startedAt: expect.any(String) },
    ]);
    script(dir, CREATE, FIXED);
    expect(mig(dir, ["up", "--resume"]).code).toBe(0);
    expect(mig(dir, ["status"]).stdout).not.toContain("Half applied");

    // A downgrade outside a transaction that fails after its first statement.
    writeFileSync(
      join(dir, "migrations", `0001_${A}.ts`),
      `export const revision = "${A}";
export const downRevision = null;
export const transactional = false;
export async function upgrade(op) {}
export async function downgrade(op) {
  await op.execute("DROP TABLE rb");
  await op.execute("DROP TABLE missing");
}
`,
    );
    expect(mig(dir, ["down", "base"]).code).toBe(1);
    const down = mig(dir, ["status"]);
    expect(down.stdout).toContain(
      `Half applied: the downgrade of ${A} failed part way: its first 1 statement(s) stayed applied; undo them by hand or make the downgrade re-runnable, then run it again.\n`,
    );
    expect(down.stdout).not.toContain("Up to date.");
  });

  test("a retry that fails at its first statement keeps the half-applied record", () => {
    const dir = sqliteProject();
    script(dir, CREATE, BROKEN);
    expect(mig(dir, ["up"]).code).toBe(1);
    // Statement 1 now fails: its table stayed from the first run.
    const restart = mig(dir, ["up", "--restart"]);
    expect(restart.code).toBe(1);
    expect(restart.stderr).toContain("table ra already exists");
    expect(mig(dir, ["status"]).stdout).toContain(
      `Half applied: the upgrade of ${A} failed part way: its first 2 statement(s) stayed applied;`,
    );
    const plain = mig(dir, ["up"]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain(
      `Error: Migration ${A} failed part way: its first 2 statements stayed applied.`,
    );
  });
});
