import { spawnSync } from "node:child_process";
import { appendFileSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { scriptChecksum } from "@mig/core";
import { describe, expect, test } from "vitest";
import { autogenerateProject, writeConfig } from "./autogenerate-project.js";
import { mig, type Run } from "./run-cli.js";
import { writeRun } from "./squash-project.js";

// The features of issue 14 together (each was built alone): squash with the applied log and
// checksums, baseline with the log and graph, the log table kept out of baseline/pull/check,
// and onChecksumMismatch: "error" with down and stamp. Real SQLite through the built binary.

/** Rows of a query on a SQLite file of the project, through the sqlite3 shell. */
function rows(dir: string, db: string, sql: string): Record<string, unknown>[] {
  const r = spawnSync("sqlite3", ["-json", join(dir, db), sql], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
  return r.stdout.trim() === "" ? [] : (JSON.parse(r.stdout) as Record<string, unknown>[]);
}
const versions = (dir: string, db: string) =>
  rows(dir, db, "SELECT version_num FROM mig_version ORDER BY 1").map((r) => r.version_num);
const tables = (dir: string, db: string) =>
  rows(
    dir,
    db,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY 1",
  ).map((r) => r.name);

function ok(r: Run, what: string): Run {
  expect(r.code, `${what}\n${r.stdout}${r.stderr}`).toBe(0);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return r;
}

interface Entry {
  readonly revision: string;
  readonly direction: string;
  readonly checksum: string | null;
  readonly success: boolean;
}
const logOf = (dir: string, url: string): Entry[] =>
  JSON.parse(ok(mig(dir, ["log", "--json", "--url", url]), "log --json").stdout).entries;

describe("squash and the applied log", () => {
  test("a database that ran the run before the squash: status, log --verify, up --strict, graph", () => {
    const dir = autogenerateProject("sqlite:./app.db", "");
    writeRun(dir);
    const inside = "sqlite:./inside.db";
    const past = "sqlite:./past.db";
    ok(mig(dir, ["up", "a3", "--url", inside]), "up a3");
    ok(mig(dir, ["up", "--url", past]), "up");
    ok(mig(dir, ["squash", "a2:a4", "-m", "squashed", "--rev-id", "s1"]), "squash");

    // The log has up rows with checksums for a2..a4, whose scripts are now in squashed/:
    // they were moved on purpose and are not reported as missing.
    for (const url of [inside, past]) {
      expect(logOf(dir, url).filter((e) => e.checksum !== null).length).toBeGreaterThan(2);
      const verify = ok(mig(dir, ["log", "--verify", "--url", url]), `log --verify ${url}`);
      expect(verify.stdout).toBe(
        "Every applied script matches the checksum it was applied with.\n",
      );
      const json = JSON.parse(mig(dir, ["log", "--verify", "--json", "--url", url]).stdout);
      expect(json).toEqual({ mismatches: [], ok: true });
      const status = ok(mig(dir, ["status", "--url", url]), `status ${url}`);
      expect(status.stdout).not.toContain("Changed since applied");
    }
    // a5 (applied on past.db) was re-pointed from a4 to s1: not an edit, so --strict runs.
    ok(mig(dir, ["up", "--strict", "--url", past]), "up --strict past the run");
    const status = mig(dir, ["status", "--url", inside]).stdout;
    expect(status).toContain("Current: s1");
    expect(status).toMatch(/Pending \(2\):\n {2}a4 .*\n {2}a5 /);

    // up --strict from inside the run: the old a4 (from squashed/) then a5, each logged with
    // the checksum of the script that ran.
    ok(mig(dir, ["up", "--strict", "--url", inside]), "up --strict inside the run");
    expect(versions(dir, "inside.db")).toEqual(["a5"]);
    const squashed = join(dir, "migrations", "squashed");
    expect(readdirSync(squashed).sort()).toEqual(["a2_step.ts", "a3_step.ts", "a4_step.ts"]);
    const [a5Row, a4Row] = logOf(dir, inside);
    expect(a4Row).toMatchObject({ revision: "a4", direction: "up", success: true });
    expect(a4Row?.checksum).toBe(
      scriptChecksum(readFileSync(join(squashed, "a4_step.ts"), "utf8")),
    );
    expect(a5Row).toMatchObject({ revision: "a5", direction: "up", success: true });
    const a5 = readFileSync(join(dir, "migrations", "a5_step.ts"), "utf8");
    expect(a5).toContain('= "s1";'); // re-pointed by squash: its checksum is of the new text
    expect(a5Row?.checksum).toBe(scriptChecksum(a5));
    ok(mig(dir, ["log", "--verify", "--url", inside]), "log --verify after up");

    // The graph of the squashed project: the new revision in place of the run, applied.
    const graph = ok(mig(dir, ["graph", "--no-collapse", "--url", past]), "graph").stdout;
    expect(graph).toContain('["s1 (applied, squash of 3)<br/>squashed"]');
    expect(graph).toContain('["a5 (head, current)<br/>step a5"]');
    expect(graph).not.toMatch(/"a[234] /);

    // An edit of a script the database ran from squashed/ is not a mismatch of the new graph;
    // an edit of a re-pointed script that ran after the squash still is.
    appendFileSync(join(dir, "migrations", "a5_step.ts"), "// edited\n");
    const edited = mig(dir, ["log", "--verify", "--url", inside]);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toMatch(/^a5 {2}edited since it was applied/);
  });

  test("a database down to base after the squash runs the new script, and log --verify stays clean without squashed/", () => {
    const dir = autogenerateProject("sqlite:./app.db", "");
    writeRun(dir);
    ok(mig(dir, ["up"]), "up");
    ok(mig(dir, ["squash", "a2:a4", "-m", "squashed", "--rev-id", "s1"]), "squash");
    ok(mig(dir, ["down", "base"]), "down base");
    ok(mig(dir, ["up", "--strict"]), "up --strict");
    const steps = logOf(dir, "sqlite:./app.db").map((e) => `${e.direction} ${e.revision}`);
    expect(steps.slice(0, 6)).toEqual(["up a5", "up s1", "up a1", "down a1", "down s1", "down a5"]);
    rmSync(join(dir, "migrations", "squashed"), { recursive: true });
    ok(mig(dir, ["log", "--verify"]), "log --verify without squashed/");
  });
});

describe("baseline with the applied log", () => {
  const existing = (dir: string, db = "app.db") =>
    rows(
      dir,
      db,
      "CREATE TABLE accounts (id INTEGER PRIMARY KEY, email TEXT NOT NULL); CREATE INDEX accounts_email ON accounts (email)",
    );

  test("baseline writes a stamp row; graph marks the baseline applied", () => {
    const dir = autogenerateProject("sqlite:./app.db", "");
    existing(dir);
    ok(mig(dir, ["baseline", "-m", "adopt", "--rev-id", "b1", "--tag", "adopt-1"]), "baseline");
    expect(versions(dir, "app.db")).toEqual(["b1"]);
    const log = ok(mig(dir, ["log"]), "log")
      .stdout.split("\n")
      .filter(Boolean);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^b1 {2}stamp {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ {2}\d+ ms {2}ok {2}/);
    expect(logOf(dir, "sqlite:./app.db")).toMatchObject([
      { revision: "b1", direction: "stamp", checksum: null, success: true },
    ]);
    const graph = ok(mig(dir, ["graph"]), "graph").stdout;
    expect(graph).toContain('["b1 (head, current)<br/>adopt"]');
    expect(graph).toContain("class n0 applied");
    // A stamp records no checksum: an edit of the baseline is not checked on this database.
    appendFileSync(join(dir, "migrations", readdirSync(join(dir, "migrations"))[0]!), "// x\n");
    ok(mig(dir, ["log", "--verify"]), "log --verify");
  });

  test.each([
    ["the default mig_log", "", "mig_log"],
    ["a custom logTable", 'logTable: "deploy_log",', "deploy_log"],
  ])(
    "baseline, pull and check leave out %s, on a database brought down to base",
    (_, config, logTable) => {
      const dir = autogenerateProject("sqlite:./app.db", config);
      existing(dir);
      writeRun(dir);
      ok(mig(dir, ["up", "a1"]), "up a1");
      ok(mig(dir, ["down", "base"]), "down base");
      for (const f of readdirSync(join(dir, "migrations"))) {
        if (f.endsWith("_step.ts")) rmSync(join(dir, "migrations", f));
      }
      // An empty version table and a log table with rows: a database mig ran on and left.
      expect(versions(dir, "app.db")).toEqual([]);
      expect(tables(dir, "app.db")).toEqual([logTable, "accounts", "mig_version"].sort());
      expect(rows(dir, "app.db", `SELECT count(*) AS n FROM ${logTable}`)).toEqual([{ n: 2 }]);

      const base = ok(mig(dir, ["baseline", "--rev-id", "b1"]), "baseline");
      expect(base.stdout).toMatch(/done \(1 table\)\n/);
      const [file] = readdirSync(join(dir, "migrations")).filter((f) => f.includes("_b1_"));
      const text = readFileSync(join(dir, "migrations", file!), "utf8");
      expect(text).toContain('"accounts"');
      expect(text).not.toMatch(new RegExp(`${logTable}|mig_version`));
      expect(versions(dir, "app.db")).toEqual(["b1"]);
      expect(
        rows(dir, "app.db", `SELECT revision, direction FROM ${logTable} ORDER BY id DESC LIMIT 1`),
      ).toEqual([{ revision: "b1", direction: "stamp" }]);

      ok(mig(dir, ["pull", "--out", "schema.ts"]), "pull");
      expect(readFileSync(join(dir, "schema.ts"), "utf8")).not.toMatch(
        new RegExp(`${logTable}|mig_version`),
      );
      writeConfig(dir, "sqlite:./app.db", `${config} schema: "./schema.ts",`);
      const check = ok(mig(dir, ["check"]), "check");
      expect(check.stdout).toBe("No changes: the database matches the schema.\n");
      // A new database built from the baseline gets users, the version table and the log.
      ok(mig(dir, ["up", "--url", "sqlite:./fresh.db"]), "up on a fresh database");
      expect(tables(dir, "fresh.db")).toEqual([logTable, "accounts", "mig_version"].sort());
    },
  );
});

describe('onChecksumMismatch: "error"', () => {
  test("up refuses an edited applied script; down and stamp are unaffected", () => {
    const dir = autogenerateProject("sqlite:./app.db", 'onChecksumMismatch: "error",');
    writeRun(dir);
    ok(mig(dir, ["up", "a3"]), "up a3");
    appendFileSync(join(dir, "migrations", "a2_step.ts"), "// edited after it ran\n");

    const up = mig(dir, ["up"]);
    expect(up.code).toBe(1);
    expect(up.stderr).toContain(
      "Error: Applied migration scripts differ from what ran: a2 (edited). Nothing was run.",
    );
    expect(up.stderr).not.toMatch(/\n\s+at /);
    expect(versions(dir, "app.db")).toEqual(["a3"]);
    const status = ok(mig(dir, ["status"]), "status");
    expect(status.stdout).toMatch(
      /Changed since applied \(1\):\n {2}a2 {2}edited since it was applied/,
    );

    const down = ok(mig(dir, ["down", "-1"]), "down -1");
    expect(down.stderr).not.toContain("differ from what ran");
    expect(versions(dir, "app.db")).toEqual(["a2"]);
    const stamp = ok(mig(dir, ["stamp", "a5"]), "stamp a5");
    expect(stamp.stderr).not.toContain("differ from what ran");
    expect(versions(dir, "app.db")).toEqual(["a5"]);
    ok(mig(dir, ["stamp", "a2"]), "stamp a2");
    ok(mig(dir, ["down", "-1"]), "down -1 (the edited script's downgrade)");
    expect(versions(dir, "app.db")).toEqual(["a1"]);
    // Back below the edit, up runs the edited script and records its new checksum.
    ok(mig(dir, ["up", "a2"]), "up a2 (the edited script)");
    ok(mig(dir, ["log", "--verify"]), "log --verify after re-applying");
    const steps = logOf(dir, "sqlite:./app.db").map((e) => `${e.direction} ${e.revision}`);
    expect(steps.slice(0, 5)).toEqual(["up a2", "down a2", "stamp a2", "stamp a5", "down a3"]);
  });
});
