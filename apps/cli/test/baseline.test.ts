import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  autogenerateProject,
  droppedAfterAll,
  migrationFiles,
  printed,
  TARGETS,
  type TargetDatabase,
  writeConfig,
} from "./autogenerate-project.js";
import { EXISTING_SCHEMA, FILTER_CONFIG, queryRows, versionRows } from "./baseline-databases.js";
import { mig, type Run } from "./run-cli.js";

// `mig baseline` on each server: an app's existing schema becomes one revision, the
// database is stamped at it, and that revision builds the same schema in an empty database.

const NO_CHANGES = "No changes: the database matches the schema.\n";
const ok = (r: Run, what: string) => expect(r.code, `${what}\n${printed(r)}`).toBe(0);
const noTrace = (r: Run) => expect(printed(r)).not.toMatch(/\n\s+at /);

describe.each(TARGETS)("mig baseline on $name", (target) => {
  const databases = droppedAfterAll();
  /** A project with no revisions on a fresh database, holding the existing schema if asked. */
  async function project(
    options: { existing?: boolean; config?: string; sqliteFile?: string } = {},
  ): Promise<{ dir: string; db: TargetDatabase }> {
    const config = options.config ?? FILTER_CONFIG;
    const dir = autogenerateProject("sqlite:./app.db", config);
    const db = await target.database(dir);
    databases.push(db);
    writeConfig(dir, db.url, config);
    if (options.existing !== false) await db.exec(EXISTING_SCHEMA[target.name]);
    return { dir, db };
  }
  /** A second empty database for the same project (SQLite: another file next to it). */
  async function freshDatabase(dir: string): Promise<string> {
    if (target.name === "sqlite") return "sqlite:./fresh.db";
    const db = await target.database(dir);
    databases.push(db);
    return db.url;
  }
  const tables = async (url: string, dir: string) => {
    const sql =
      target.name === "sqlite"
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        : target.name === "postgres"
          ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
          : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = database() AND table_type = 'BASE TABLE' ORDER BY 1";
    return (await queryRows(target.name, url, dir, sql)).map((r) => String(r.name));
  };

  test("baseline writes one revision and stamps the database; an empty database built from it has the same schema and check is clean on both", async () => {
    const { dir, db } = await project();
    const run = mig(dir, ["baseline", "-m", "adopt"]);
    ok(run, "baseline");
    const [file, ...more] = migrationFiles(dir);
    expect(more).toEqual([]);
    expect(file).toMatch(/_adopt\.ts$/);
    const id = /^\d+_\d+_([0-9a-f]+)_adopt\.ts$/.exec(file!)![1]!;
    expect(run.stdout).toContain(`Generating migrations/${file} ... done (2 tables)`);
    expect(run.stdout).toContain(`Stamped the database at ${id}.`);
    // The view is not modelled: said on stderr and in the script, never silently dropped.
    expect(run.stderr).toContain("warning: view");
    expect(run.stderr).toContain("long_books");
    const script = readFileSync(join(dir, "migrations", file!), "utf8");
    expect(script).toContain("downRevision: string | readonly string[] | null = null;");
    expect(script).toMatch(/\/\/ view \S*long_books is not in the baseline/);
    expect(script).not.toContain("audit_log");
    expect(script).not.toContain("mig_version");
    expect(await versionRows(target.name, db.url, dir)).toEqual([id]);

    // The schema module of the same database; check is clean where the baseline came from.
    ok(mig(dir, ["pull"]), "pull");
    const original = readFileSync(join(dir, "schema.ts"), "utf8");
    const checkA = mig(dir, ["check"]);
    ok(checkA, "check on the original");
    expect(checkA.stdout).toBe(NO_CHANGES);

    const fresh = await freshDatabase(dir);
    ok(mig(dir, ["--url", fresh, "up"]), "up on an empty database");
    expect(await versionRows(target.name, fresh, dir)).toEqual([id]);
    // The applied log is created with the version table (docs/applied-log.md).
    expect(await tables(fresh, dir)).toEqual(["authors", "books", "mig_log", "mig_version"]);
    const checkB = mig(dir, ["--url", fresh, "check"]);
    ok(checkB, "check on the new database");
    expect(checkB.stdout).toBe(NO_CHANGES);
    ok(mig(dir, ["--url", fresh, "pull", "--out", "fresh-schema.ts"]), "pull from the new one");
    // The same module, but for the header's list of what mig does not model (the view).
    const code = (text: string) => text.replace(/^(\/\/.*\n)+/, "");
    expect(original).toContain("//   view long_books");
    expect(code(readFileSync(join(dir, "fresh-schema.ts"), "utf8"))).toBe(code(original));

    ok(mig(dir, ["--url", fresh, "down", "base"]), "down base");
    expect(await tables(fresh, dir)).toEqual(["mig_log", "mig_version"]);
  });

  test("a database mig already manages is refused: exit 1, no file, the version table as it was", async () => {
    const { dir, db } = await project();
    ok(mig(dir, ["baseline"]), "first baseline");
    const [first] = migrationFiles(dir);
    const rows = await versionRows(target.name, db.url, dir);
    // Another checkout without the scripts, on the same database.
    const other = autogenerateProject("sqlite:./app.db", FILTER_CONFIG);
    writeConfig(other, db.url, FILTER_CONFIG);
    const url = target.name === "sqlite" ? `sqlite:${join(dir, "app.db")}` : db.url;
    const r = mig(other, ["--url", url, "baseline", "-m", "again"]);
    expect(r.code, printed(r)).toBe(1);
    expect(r.stderr).toContain("Error: The database is already managed by mig: mig_version names");
    expect(r.stderr).toContain("mig baseline is for a database mig has never run on");
    noTrace(r);
    expect(migrationFiles(other)).toEqual([]);
    expect(migrationFiles(dir)).toEqual([first]);
    expect(await versionRows(target.name, db.url, dir)).toEqual(rows);
  });

  test("a project that has revisions is refused before connecting: exit 2", async () => {
    const { dir, db } = await project();
    ok(mig(dir, ["revision", "-m", "first"]), "revision");
    const r = mig(dir, ["baseline"]);
    expect(r.code, printed(r)).toBe(2);
    expect(r.stderr).toContain(
      "Error: The project already has 1 revision; mig baseline starts a project's history.",
    );
    noTrace(r);
    expect(migrationFiles(dir)).toHaveLength(1);
    expect(await versionRows(target.name, db.url, dir)).toBeNull();
  });

  test("when the stamp fails the revision is removed again and the version table untouched", async () => {
    const config = `${FILTER_CONFIG}
  beforeMigrate: (ctx) => { if (ctx.command === "stamp") throw new Error("stamps are frozen today"); },`;
    const { dir, db } = await project({ config });
    const r = mig(dir, ["baseline"]);
    expect(r.code, printed(r)).toBe(1);
    expect(r.stderr).toContain("Error: Stamping the database failed:");
    expect(r.stderr).toContain("stamps are frozen today");
    expect(r.stderr).toMatch(/Nothing was changed: migrations\/\S+_baseline\.ts was removed again/);
    noTrace(r);
    expect(migrationFiles(dir)).toEqual([]);
    expect([null, []]).toContainEqual(await versionRows(target.name, db.url, dir));
  });

  test("--no-stamp writes the revision only; mig stamp finishes the job", async () => {
    const { dir, db } = await project();
    const r = mig(dir, ["baseline", "--no-stamp", "--rev-id", "b0000001"]);
    ok(r, "baseline --no-stamp");
    expect(r.stdout).toContain(
      "Not stamped: run `mig stamp b0000001` on the database it came from.",
    );
    expect(migrationFiles(dir)).toHaveLength(1);
    expect([null, []]).toContainEqual(await versionRows(target.name, db.url, dir));
    // --json: the same facts as data.
    const other = await project();
    const json = mig(other.dir, ["baseline", "--no-stamp", "--rev-id", "b0000002", "--json"]);
    ok(json, "baseline --no-stamp --json");
    expect(JSON.parse(json.stdout)).toMatchObject({
      revision: "b0000002",
      downRevisions: [],
      message: "baseline",
      tables: 2,
      stamped: false,
    });
    ok(mig(dir, ["stamp", "b0000001"]), "stamp");
    expect(await versionRows(target.name, db.url, dir)).toEqual(["b0000001"]);
  });

  test("an empty database and --sql are refused with the fix", async () => {
    const { dir } = await project({ existing: false });
    const empty = mig(dir, ["baseline"]);
    expect(empty.code, printed(empty)).toBe(1);
    expect(empty.stderr).toMatch(
      /Error: The database has no tables( in schema \S+)? to baseline\./,
    );
    const sql = mig(dir, ["baseline", "--sql"]);
    expect(sql.code, printed(sql)).toBe(2);
    expect(sql.stderr).toContain(
      "Error: mig baseline reads the live database; it has no --sql mode.",
    );
    for (const r of [empty, sql]) noTrace(r);
    expect(migrationFiles(dir)).toEqual([]);
  });

  test("an unreachable database: exit 1, no file, no password in the output", async () => {
    const { dir } = await project({ existing: false });
    const url = {
      sqlite: "sqlite:./no-such-dir/app.db",
      postgres: "postgres://mig:hunter2-secret@127.0.0.1:1/app",
      mariadb: "mysql://mig:hunter2-secret@127.0.0.1:1/app",
    }[target.name];
    const r = mig(dir, ["--url", url, "baseline"]);
    expect(r.code, printed(r)).toBe(1);
    expect(r.stderr).toContain("Error: ");
    expect(printed(r)).not.toContain("hunter2-secret");
    noTrace(r);
    expect(migrationFiles(dir)).toEqual([]);
  });
});
