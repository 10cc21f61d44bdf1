import { appendFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { mig, sqliteProject, tableScript } from "./run-cli.js";

const A = "aaaa00000001";
const B = "bbbb00000002";

const script = tableScript;

/** A project with A applied (tag `first`) and B written but not applied. */
function applied(extra = ""): string {
  const dir = sqliteProject("sqlite:./app.db", extra);
  writeFileSync(join(dir, "migrations", `0001_${A}.ts`), script(A, null, "ta"));
  const up = mig(dir, ["up", "--tag", "first"]);
  expect(up.code, up.stderr).toBe(0);
  writeFileSync(join(dir, "migrations", `0002_${B}.ts`), script(B, A, "tb"));
  return dir;
}

const edit = (dir: string) =>
  appendFileSync(join(dir, "migrations", `0001_${A}.ts`), "// edited\n");

describe("mig log", () => {
  test("lists the steps newest first; -n limits; --json gives the rows", () => {
    const dir = applied();
    expect(mig(dir, ["up"]).code).toBe(0);
    expect(mig(dir, ["down", "-1"]).code).toBe(0);
    const log = mig(dir, ["log"]);
    expect(log.code, log.stderr).toBe(0);
    const lines = log.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      new RegExp(`^${B}  down  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ  \\d+ ms +ok  `),
    );
    // Columns line up: "up" is padded to "down"'s width, so every start time is in one column.
    expect(lines[2]).toMatch(new RegExp(`^${A}  up    .*  ok  tag first  `));
    expect(new Set(lines.map((l) => l.search(/\d{4}-\d\d-\d\d /))).size).toBe(1);
    expect(mig(dir, ["log", "-n", "1"]).stdout.trim().split("\n")).toHaveLength(1);
    const json = JSON.parse(mig(dir, ["log", "--json", "--limit", "2"]).stdout);
    expect(json.entries.map((e: { direction: string }) => e.direction)).toEqual(["down", "up"]);
    expect(json.entries[0].checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  test("-n takes a whole number (usage error, exit 2)", () => {
    const dir = applied();
    const r = mig(dir, ["log", "-n", "many"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("-n takes a whole number");
  });

  test("an edited applied script: status reports it, up warns, up --strict fails, log --verify lists it", () => {
    const dir = applied();
    const clean = mig(dir, ["log", "--verify"]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain("Every applied script matches");
    edit(dir);

    const status = mig(dir, ["status"]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain("Changed since applied (1):");
    expect(status.stdout).toMatch(new RegExp(`${A}  edited since it was applied .*0001_${A}\\.ts`));

    const strict = mig(dir, ["up", "--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(
      `Error: Applied migration scripts differ from what ran: ${A} (edited). Nothing was run.`,
    );
    expect(strict.stderr).toContain("mig log --verify");
    expect(strict.stderr).not.toMatch(/\n\s+at /);
    expect(mig(dir, ["current"]).stdout).toContain(A);

    const verify = mig(dir, ["log", "--verify"]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`${A}  edited since it was applied`);
    const json = JSON.parse(mig(dir, ["log", "--verify", "--json"]).stdout);
    expect(json).toMatchObject({ ok: false, mismatches: [{ revision: A, kind: "changed" }] });

    // Warn mode (the default) runs, saying so; downgrade and stamp are unaffected.
    const up = mig(dir, ["up"]);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toContain(`Warning: applied scripts changed since they ran: ${A} (edited)`);
    expect(mig(dir, ["stamp", A]).code).toBe(0);
    expect(mig(dir, ["down", "base"]).code).toBe(0);
  });

  test('onChecksumMismatch: "error" makes up fail like --strict', () => {
    const dir = applied(', onChecksumMismatch: "error"');
    edit(dir);
    const r = mig(dir, ["up"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${A} (edited)`);
  });

  test("a removed applied script is listed by log --verify", () => {
    const dir = applied();
    expect(mig(dir, ["up"]).code).toBe(0);
    rmSync(join(dir, "migrations", `0002_${B}.ts`));
    const verify = mig(dir, ["log", "--verify"]);
    expect(verify.code, verify.stderr).toBe(1);
    expect(verify.stdout).toMatch(
      new RegExp(`^${B}  applied \\(.*\\) but no script defines it$`, "m"),
    );
  });

  test("a bad onChecksumMismatch is a config error", () => {
    const bad = sqliteProject("sqlite:./app.db", ', onChecksumMismatch: "stop"');
    const r = mig(bad, ["status"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`'onChecksumMismatch' must be "warn" or "error" (got "stop")`);
  });

  test("a step whose log row cannot be written names mig's recording, not the script", () => {
    const dir = sqliteProject();
    // The script itself succeeds; the applied log refuses the row mig writes for it.
    writeFileSync(
      join(dir, "migrations", `0001_${A}.ts`),
      `export const revision = "${A}";
export const downRevision = null;
export async function upgrade(op) {
  await op.execute("CREATE TRIGGER frozen BEFORE INSERT ON mig_log BEGIN SELECT RAISE(ABORT, 'the log is frozen'); END");
}
export async function downgrade(op) {}
`,
    );
    const up = mig(dir, ["up"]);
    expect(up.code).toBe(1);
    expect(up.stderr).toContain(
      `Upgrade ${A} failed while mig recorded it at \`INSERT INTO "mig_log"`,
    );
    expect(up.stderr).toContain("the log is frozen");
    expect(up.stderr).not.toContain(`failed in migrations/0001_${A}.ts`);
    expect(mig(dir, ["current"]).stdout).toBe("base (no migrations applied)\n");
  });
});
