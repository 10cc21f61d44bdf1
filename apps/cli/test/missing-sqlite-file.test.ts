import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { autogenerateProject, SCHEMA_V1 } from "./autogenerate-project.js";
import { mig, sqliteProject, tableScript } from "./run-cli.js";

// A typo in a SQLite URL's path must not leave a new empty database (and a lock file)
// behind a command that only reads or only moves down: the file that is not there reads as
// the empty database it would be, and the command says so.
function project(): string {
  const dir = sqliteProject("sqlite:./app.db");
  writeFileSync(join(dir, "migrations", "0001_a.mjs"), tableScript("aaaa00000001", null, "t"));
  return dir;
}

const note = (dir: string) =>
  `no file at ${join(dir, "app.db")} yet: read as an empty database, none created`;

describe("a SQLite URL naming no file", () => {
  test("current, status, log, history -i, down and pull read it as empty and create nothing", () => {
    const dir = project();
    const said = `Note: sqlite:./app.db (${note(dir)}).\n`;
    const cases: [string[], number, string][] = [
      [["current"], 0, "base (no migrations applied)\n"],
      [["status"], 0, "Pending (1):"],
      [["log"], 0, ""],
      [["history", "-i"], 0, "<base> -> aaaa00000001 (head)"],
      [["pull", "--out", "schema.ts"], 1, ""],
    ];
    for (const [args, code, out] of cases) {
      const r = mig(dir, args);
      expect(r.code, args.join(" ")).toBe(code);
      expect(r.stdout, args.join(" ")).toContain(out);
      expect(r.stderr.startsWith(said), `${args.join(" ")}: ${r.stderr}`).toBe(true);
      // No database, no lock file beside it, no schema module.
      expect(readdirSync(dir).sort(), args.join(" ")).toEqual(["mig.config.mjs", "migrations"]);
    }
    const down = mig(dir, ["down", "base"]);
    expect(down.code, down.stderr).toBe(0);
    expect(down.stderr).toBe(
      `Using sqlite:./app.db (sqlite; ${note(dir)})\nNothing to downgrade; the database is at base.\n`,
    );
    expect(readdirSync(dir).sort()).toEqual(["mig.config.mjs", "migrations"]);
  });

  test("up creates it, and then the reading commands read it, with no note", () => {
    const dir = project();
    const up = mig(dir, ["up"]);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toContain("Using sqlite:./app.db (sqlite)\n");
    expect(existsSync(join(dir, "app.db"))).toBe(true);
    const current = mig(dir, ["current"]);
    expect(current.stdout).toBe("aaaa00000001 (head)\n");
    expect(current.stderr).toBe("");
    const down = mig(dir, ["down", "base"]);
    expect(down.code, down.stderr).toBe(0);
    expect(mig(dir, ["current"]).stdout).toContain("base");
  });

  test("stamp creates it too, as Alembic's stamp does", () => {
    const dir = project();
    const r = mig(dir, ["stamp", "head"]);
    expect(r.code, r.stderr).toBe(0);
    expect(mig(dir, ["current"]).stdout).toBe("aaaa00000001 (head)\n");
  });

  test("stamp base (with or without --purge) has nothing to empty and creates nothing", () => {
    const dir = project();
    for (const args of [
      ["stamp", "base"],
      ["stamp", "--purge", "base"],
    ]) {
      const r = mig(dir, args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr, args.join(" ")).toContain(note(dir));
      expect(readdirSync(dir).sort(), args.join(" ")).toEqual(["mig.config.mjs", "migrations"]);
    }
  });

  test("check, revision --autogenerate and baseline compare it as empty and create nothing", () => {
    const dir = autogenerateProject("sqlite:./app.db");
    writeFileSync(join(dir, "schema.ts"), SCHEMA_V1);
    const said = `Note: sqlite:./app.db (${note(dir)}).`;
    const check = mig(dir, ["check"]);
    expect(check.code, check.stderr).toBe(1);
    expect(check.stdout).toContain("add table users");
    expect(check.stderr).toContain(said);
    const baseline = mig(dir, ["baseline"]);
    expect(baseline.code).toBe(1); // an empty database has nothing to baseline
    expect(existsSync(join(dir, "app.db")), "after check and baseline").toBe(false);
    const gen = mig(dir, ["revision", "--autogenerate", "-m", "init"]);
    expect(gen.code, gen.stderr).toBe(0);
    expect(existsSync(join(dir, "app.db")), "after revision --autogenerate").toBe(false);
    // up creates it, and the generated migration brings it to the schema.
    expect(mig(dir, ["up"]).code).toBe(0);
    expect(mig(dir, ["check"]).code).toBe(0);
  });

  test("a directory that is not there is still an error naming it", () => {
    const dir = sqliteProject("sqlite:./no/such/dir/app.db");
    const r = mig(dir, ["current"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("the directory");
    expect(r.stderr).toContain("no/such/dir does not exist");
  });

  test("a URL's own mode=rw still requires the file", () => {
    const dir = sqliteProject("sqlite:./app.db?mode=rw");
    const r = mig(dir, ["current"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("does not exist (the URL asks for mode=rw)");
  });
});
