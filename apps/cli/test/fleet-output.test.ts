import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { BIN, interruptMig, mig, tempDir } from "./run-cli.js";

// What a fleet run prints, on six SQLite targets: the read commands, --fail-fast, --quiet,
// the terminal's live lines, and a config without targets.
const SQLITE = fileURLToPath(new URL("../../../packages/sqlite/dist/index.js", import.meta.url));
const CORE = fileURLToPath(new URL("../../../packages/core/dist/index.js", import.meta.url));
const Database = createRequire(
  fileURLToPath(new URL("../../../packages/sqlite/package.json", import.meta.url)),
)("better-sqlite3") as new (
  file: string,
) => { exec(sql: string): void; close(): void };

function exec(file: string, sql: string): void {
  const db = new Database(file);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

/** Six targets `t0`..`t5` (files dbs/t<i>.db), two migrations; `slowMs` delays the second. */
function project(slowMs = 0): string {
  const dir = tempDir("mig-fleet-out-");
  mkdirSync(join(dir, "migrations"));
  mkdirSync(join(dir, "dbs"));
  writeFileSync(
    join(dir, "mig.config.mjs"),
    `import { createDialect } from ${JSON.stringify(SQLITE)};
export default {
  dialects: [createDialect()],
  schema: "./schema.ts",
  targets: Array.from({ length: 6 }, (_, i) => ({ name: "t" + i, url: "sqlite:./dbs/t" + i + ".db" })),
};
`,
  );
  writeFileSync(
    join(dir, "schema.ts"),
    `import { table } from ${JSON.stringify(CORE)};
export const a = table("a", { id: { type: "integer", primaryKey: true } });
export const b = table("b", { id: { type: "integer", primaryKey: true } });
`,
  );
  writeFileSync(
    join(dir, "migrations", "1_e00000000001.mjs"),
    `/** a */
export const revision = "e00000000001";
export const downRevision = null;
export async function upgrade(op) { op.createTable("a", [{ name: "id", type: "integer", primaryKey: true }]); }
export async function downgrade(op) { op.dropTable("a"); }
`,
  );
  writeFileSync(
    join(dir, "migrations", "2_e00000000002.mjs"),
    `/** b */
export const revision = "e00000000002";
export const downRevision = "e00000000001";
export async function upgrade(op) {
  await new Promise((r) => setTimeout(r, ${slowMs}));
  op.createTable("b", [{ name: "id", type: "integer", primaryKey: true }]);
}
export async function downgrade(op) { op.dropTable("b"); }
`,
  );
  return dir;
}

describe("a fleet run's output", () => {
  test("Ctrl-C in `up --all` rolls the running targets back and exits 130, as one run does", async () => {
    const dir = project(60_000);
    // The first targets' databases exist once they run; their second migration then waits.
    const t0 = join(dir, "dbs", "t0.db");
    let seen = 0;
    const r = await interruptMig(dir, ["up", "--all", "--concurrency", "2"], () => {
      if (existsSync(t0)) seen ||= Date.now();
      return seen > 0 && Date.now() - seen >= 1500;
    });
    // It exited 1, as if a target had failed on its own, and only once the scripts' 60 s wait ended.
    expect(r.code, r.stderr).toBe(130);
    expect(r.afterSignalMs).toBeLessThan(30_000);
    const stderr = r.stderr;
    expect(stderr).toContain("Interrupting: no new target starts");
  }, 180_000);

  test("current, status and check over the fleet; exit 1 when one target differs", () => {
    const dir = project();
    expect(mig(dir, ["up", "--targets", "t0,t1,t2,t3,t4"]).code).toBe(0);
    const current = mig(dir, ["current", "--all"]);
    expect(current.code, current.stderr).toBe(0);
    expect(current.stdout).toMatch(/^t0 +e00000000002$/m);
    expect(current.stdout).toMatch(/^t5 +base$/m);
    expect(current.stdout).toContain("6 read");

    const status = mig(dir, ["status", "--all", "--json"]);
    const json = JSON.parse(status.stdout);
    expect(json.targets.map((t: { pending: string[] }) => t.pending.length)).toEqual([
      0, 0, 0, 0, 0, 2,
    ]);
    expect(mig(dir, ["status", "--all"]).stdout).toContain(
      "5 up to date, 1 with pending migrations",
    );

    expect(mig(dir, ["up", "--target", "t5"]).code).toBe(0);
    const clean = mig(dir, ["check", "--all"]);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    expect(clean.stdout).toContain("6 match");
    exec(join(dir, "dbs", "t3.db"), "CREATE TABLE extra (id INTEGER)");
    const differs = mig(dir, ["check", "--all"]);
    expect(differs.code).toBe(1);
    expect(differs.stdout).toMatch(/^t3 +differs \(1 change\)$/m);
    expect(differs.stdout).toContain("5 match, 1 differ");
  });

  test("current and status --all say which targets' SQLite files are not there, and create none", () => {
    const dir = project();
    expect(mig(dir, ["up", "--target", "t0"]).code).toBe(0);
    const note = (i: number) =>
      `Note: t${i}: sqlite:./dbs/t${i}.db (no file at ${join(dir, "dbs", `t${i}.db`)} yet: read as an empty database, none created).`;
    for (const args of [
      ["current", "--all"],
      ["status", "--all"],
    ]) {
      const r = mig(dir, args);
      expect(r.code, r.stderr).toBe(0);
      for (let i = 1; i < 6; i++) expect(r.stderr, args.join(" ")).toContain(note(i));
      expect(r.stderr).not.toContain("Note: t0:");
    }
    const json = JSON.parse(mig(dir, ["current", "--all", "--json"]).stdout);
    expect(json.targets.map((t: { note?: string }) => t.note !== undefined)).toEqual([
      false,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(readdirSync(join(dir, "dbs")).filter((f) => f.endsWith(".db"))).toEqual(["t0.db"]);
  });

  test("--fail-fast starts no target after a failure; --quiet prints only the failure", () => {
    const dir = project();
    exec(join(dir, "dbs", "t0.db"), "CREATE TABLE b (x TEXT)");
    const r = mig(dir, ["up", "--all", "--fail-fast", "--concurrency", "1", "--quiet"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(
        /^t0: FAILED migration_failed: .*b.* \(after 1 step\(s\), at e00000000001\)$/,
      ),
    ]);
    const json = JSON.parse(mig(dir, ["current", "--all", "--json"]).stdout);
    expect(json.targets.map((t: { to: string[] }) => t.to)).toEqual([
      ["e00000000001"],
      [],
      [],
      [],
      [],
      [],
    ]);
    const again = mig(dir, ["up", "--all", "--fail-fast", "--concurrency", "1"]);
    expect(again.stdout).toContain("1 failed");
    expect(again.stdout).toMatch(/^t1 +\? +\? +0 +0 ms +skipped$/m);
    expect(again.stdout).toMatch(/5 skipped, 1 failed$/m);
  });

  test("on a terminal, one live line per running target, redrawn in place", () => {
    const dir = project(800);
    const r = spawnSync(
      "script",
      ["-qec", `"${process.execPath}" "${BIN}" up --all --concurrency 3`, "/dev/null"],
      { cwd: dir, env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "" }, encoding: "utf8" },
    );
    expect(r.status).toBe(0);
    // The step's elapsed time: "840 ms", or "1.2 s" on a busy machine.
    expect(r.stdout).toMatch(/ {2}t0 +step 2\/2 e00000000002 +(\d+ ms|\d+\.\d s)/);
    expect(r.stdout).toContain("\x1b[4A\r\x1b[J");
    expect(r.stdout).toContain("t0: up 2 step(s) to e00000000002 in ");
    expect(r.stdout).toContain("6 applied");
  });

  test("a config without targets: exit 2, saying what to add", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "mig.config.mjs"),
      `import { createDialect } from ${JSON.stringify(SQLITE)};\nexport default { url: "sqlite:./a.db", dialects: [createDialect()] };\n`,
    );
    mkdirSync(join(dir, "migrations"));
    const r = mig(dir, ["up", "--all"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("names no targets");
  });

  test("a flag mistake is one line with its fix, no --verbose advice; an unreachable target shows ?", () => {
    const dir = project();
    const both = mig(dir, ["up", "--all", "--target", "t1"]);
    expect(both.code).toBe(2);
    expect(both.stderr.trim().split("\n")).toEqual([
      "Error: --all runs every target; drop it to run only the ones --target/--targets name.",
    ]);
    // A target whose database cannot be opened was never read: its rows are unknown.
    mkdirSync(join(dir, "dbs", "t3.db"));
    const r = mig(dir, ["up", "--all"]);
    expect(r.code).toBe(1);
    const row = r.stdout.split("\n").find((l) => l.startsWith("t3 "));
    expect(row).toMatch(/^t3\s+\?\s+\?\s+0\s/);
    expect(r.stdout).not.toContain("left at base");
  });
});
