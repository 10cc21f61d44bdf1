import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { mig, sqliteProject, tempDir } from "./run-cli.js";

const script = (rev: string, down: string | null) => `/** ${rev} */
export const revision = "${rev}";
export const downRevision = ${down === null ? "null" : JSON.stringify(down)};
export async function upgrade(op) { await op.execute("CREATE TABLE t_${rev} (id INTEGER)"); }
export async function downgrade(op) { await op.execute("DROP TABLE t_${rev}"); }
`;

function project(): string {
  const p = sqliteProject();
  writeFileSync(join(p, "migrations", "0001_a.mjs"), script("aaaa00000001", null));
  writeFileSync(join(p, "migrations", "0002_b.mjs"), script("bbbb00000002", "aaaa00000001"));
  return p;
}

/** The error object of a `--json` failure: on stdout, nothing else there, stderr quiet. */
function jsonError(r: { code: number; stdout: string; stderr: string }) {
  const parsed = JSON.parse(r.stdout) as {
    error: { code: string; message: string; hint: unknown };
  };
  expect(Object.keys(parsed)).toEqual(["error"]);
  expect(Object.keys(parsed.error)).toEqual(["code", "message", "hint"]);
  expect(r.stderr).not.toContain("Error:");
  return parsed.error;
}

describe("--json everywhere", () => {
  test("errors are JSON on stdout with the same exit code as in text", () => {
    const p = project();
    const unknown = mig(p, ["up", "zzzz", "--json"]);
    expect(unknown.code).toBe(2);
    expect(jsonError(unknown)).toMatchObject({
      code: "unknown_revision",
      message: "No such revision or branch 'zzzz'.",
    });
    // Before the command too.
    expect(mig(p, ["--json", "up", "zzzz"]).code).toBe(2);
    expect(jsonError(mig(p, ["--json", "up", "zzzz"])).code).toBe("unknown_revision");
    // Usage errors commander finds: an unknown option, a missing argument, an unknown command.
    for (const args of [["up", "--frobnicate"], ["down"], ["frobnicate"]]) {
      const r = mig(p, [...args, "--json"]);
      expect(r.code, args.join(" ")).toBe(2);
      const error = jsonError(r);
      expect(error.code).toBe("usage");
      expect(error.hint).toContain("--help");
    }
    expect(jsonError(mig(p, ["up", "--frobnicate", "--json"])).message).toBe(
      "Unknown option '--frobnicate'",
    );
    // No config here: the same JSON shape, exit 2.
    const none = mig(tempDir(), ["heads", "--json"]);
    expect(none.code).toBe(2);
    expect(jsonError(none).code).toBe("config_not_found");
  });

  test("up --json rounds durations; up --sql --json is JSON; current -v --json has the details", () => {
    const p = project();
    const up = mig(p, ["up", "--json"]);
    expect(up.code, up.stderr).toBe(0);
    const run = JSON.parse(up.stdout);
    expect(run.steps.map((s: { revision: string }) => s.revision)).toEqual([
      "aaaa00000001",
      "bbbb00000002",
    ]);
    for (const step of run.steps) expect(Number.isInteger(step.durationMs)).toBe(true);
    expect(run.rows).toEqual(["bbbb00000002"]);
    expect(run.database).toEqual({ url: "sqlite:./app.db", dialect: "sqlite" });

    const sql = mig(p, ["up", "--sql", "--json", "aaaa00000001:head"]);
    expect(sql.code, sql.stderr).toBe(0);
    const offline = JSON.parse(sql.stdout);
    expect(offline.sql).toContain("CREATE TABLE t_bbbb00000002 (id INTEGER);");
    expect(offline.rows).toEqual(["bbbb00000002"]);

    expect(JSON.parse(mig(p, ["current", "--json"]).stdout)).toEqual({
      rows: ["bbbb00000002"],
      atBase: false,
    });
    const detailed = JSON.parse(mig(p, ["current", "-v", "--json"]).stdout);
    expect(detailed.rows).toEqual(["bbbb00000002"]);
    expect(detailed.revisions[0]).toMatchObject({
      revision: "bbbb00000002",
      downRevisions: ["aaaa00000001"],
      message: "bbbb00000002",
      isHead: true,
    });
    expect(detailed.revisions[0].path).toMatch(/0002_b\.mjs$/);
    expect(detailed.database).toEqual({ url: "sqlite:./app.db", dialect: "sqlite" });
  });

  test("a command's --help lists the global options and the defaults", () => {
    const help = mig(tempDir(), ["up", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Global options:");
    for (const option of ["--config <file>", "--url <url>", "-x <key=value>", "--json", "--quiet"])
      expect(help.stdout).toContain(option);
    expect(help.stdout).toMatch(/--lock-timeout <seconds>[\s\S]*else 60\)/);
    expect(mig(tempDir(), ["history", "--help"]).stdout).toContain("--json");
  });

  test("a negative or non-numeric --lock-timeout is a usage error", () => {
    const p = project();
    for (const value of ["-5", "abc", "NaN"]) {
      const r = mig(p, ["up", "--lock-timeout", value]);
      expect(r.code, value).toBe(2);
      expect(r.stderr).toContain("--lock-timeout takes a number of seconds ≥ 0.");
    }
    expect(mig(p, ["current"]).stdout).toBe("base (no migrations applied)\n");
  });
});
