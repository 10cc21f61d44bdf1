import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { mig, sqliteProject } from "./run-cli.js";

const script = `/** create a */
export const revision = "aaaa00000001";
export const downRevision = null;
export async function upgrade(op) { await op.execute("CREATE TABLE a (id INTEGER)"); }
export async function downgrade(op) { await op.execute("DROP TABLE a"); }
`;

describe("--verbose after a listing command lists details; before any command it prints traces", () => {
  test("history, current and heads take --verbose as their own -v", () => {
    const p = sqliteProject();
    writeFileSync(join(p, "migrations", "0001_a.mjs"), script);
    expect(mig(p, ["up"]).code).toBe(0);
    for (const command of ["history", "current", "heads"]) {
      const long = mig(p, [command, "--verbose"]);
      expect(long.code, command).toBe(0);
      expect(long.stdout, command).toContain("Rev: aaaa00000001 (head)");
      expect(long.stdout).toContain("Path: ");
      expect(long.stdout).toBe(mig(p, [command, "-v"]).stdout);
    }
    expect(mig(p, ["history"]).stdout).toBe("<base> -> aaaa00000001 (head), create a\n");
  });

  test("stack traces: --verbose before the command, or after one that lists nothing", () => {
    const p = sqliteProject();
    writeFileSync(join(p, "migrations", "0001_a.mjs"), script);
    expect(mig(p, ["history", "-r", "bad", "--verbose"]).stderr).not.toMatch(/\n\s+at /);
    expect(mig(p, ["--verbose", "history", "-r", "bad"]).stderr).toMatch(/\n\s+at /);
    expect(mig(p, ["up", "zzzz"]).stderr).not.toMatch(/\n\s+at /);
    expect(mig(p, ["up", "zzzz", "--verbose"]).stderr).toMatch(/\n\s+at /);
    expect(mig(p, ["--verbose", "up", "zzzz"]).stderr).toMatch(/\n\s+at /);
  });
});
