import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  autogenerateProject,
  droppedAfterAll,
  migrationFiles,
  printed,
  SCHEMA_V1,
  SCHEMA_V2,
  TARGETS,
  type TargetDatabase,
  writeConfig,
} from "./autogenerate-project.js";
import { mig } from "./run-cli.js";

const NO_CHANGES = "No changes: the database matches the schema.";

describe.each(TARGETS)("autogenerate on $name", (target) => {
  const databases = droppedAfterAll();
  /** A project on a fresh, empty database. */
  async function project(config?: string): Promise<{ dir: string; db: TargetDatabase }> {
    const dir = autogenerateProject("sqlite:./app.db", config);
    const db = await target.database(dir);
    databases.push(db);
    writeConfig(dir, db.url, config ?? 'schema: "./schema.ts",');
    return { dir, db };
  }
  const password = (url: string) => decodeURIComponent(new URL(url).password);

  test("revision --autogenerate on an empty database writes a migration mig up applies; then check is clean and nothing more is generated", async () => {
    const { dir, db } = await project();
    writeFileSync(join(dir, "schema.ts"), SCHEMA_V1);
    const gen = mig(dir, ["revision", "--autogenerate", "-m", "create tables"]);
    expect(gen.code, printed(gen)).toBe(0);
    const [file, ...more] = migrationFiles(dir);
    expect(more).toEqual([]);
    expect(file).toMatch(/_create_tables\.ts$/);
    expect(gen.stdout).toContain(`Generating migrations/${file} ... done`);
    const script = readFileSync(join(dir, "migrations", file!), "utf8");
    expect(script).toContain("await op.createTable(");
    expect(script).toContain("await op.dropTable(");
    expect(script).not.toContain("write the upgrade here");

    const up = mig(dir, ["up"]);
    expect(up.code, printed(up)).toBe(0);
    const check = mig(dir, ["check"]);
    expect(check.code, printed(check)).toBe(0);
    expect(check.stdout).toBe(`${NO_CHANGES}\n`);

    const again = mig(dir, ["revision", "--autogenerate", "-m", "nothing"]);
    expect(again.code, printed(again)).toBe(0);
    expect(again.stdout).toBe(`${NO_CHANGES}\n`);
    expect(migrationFiles(dir)).toEqual([file]);

    // The version table is never part of the schema: a pulled module leaves it out.
    const pulled = mig(dir, ["pull", "--out", "pulled.ts"]);
    expect(pulled.code, printed(pulled)).toBe(0);
    const text = readFileSync(join(dir, "pulled.ts"), "utf8");
    expect(text).toContain("users");
    expect(text).not.toContain("mig_version");

    for (const run of [gen, up, check, again, pulled]) {
      if (password(db.url)) expect(printed(run)).not.toContain(password(db.url));
    }
  });

  test("a database that is not at head is refused: no file, Alembic's message and the fix", async () => {
    const { dir } = await project();
    writeFileSync(join(dir, "schema.ts"), SCHEMA_V1);
    expect(mig(dir, ["revision", "--autogenerate", "-m", "first"]).code).toBe(0);
    const files = migrationFiles(dir);
    for (const args of [["revision", "--autogenerate", "-m", "second"], ["check"]]) {
      const r = mig(dir, args);
      expect(r.code, printed(r)).toBe(1);
      expect(r.stderr).toContain("Error: Target database is not up to date.");
      expect(r.stderr).toContain("mig up");
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(migrationFiles(dir)).toEqual(files);
  });

  test("check exits 1 listing the changes, destructive ones marked; --json gives the diff; the generated migration applies and check is clean again", async () => {
    const { dir } = await project();
    writeFileSync(join(dir, "schema.ts"), SCHEMA_V1);
    expect(mig(dir, ["revision", "--autogenerate", "-m", "v1"]).code).toBe(0);
    expect(mig(dir, ["up"]).code).toBe(0);
    writeFileSync(join(dir, "schema.ts"), SCHEMA_V2);

    const check = mig(dir, ["check"]);
    expect(check.code, printed(check)).toBe(1);
    const lines = check.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^The database differs from the schema \(\d+ changes?\):$/);
    expect(lines.filter((l) => /^! .*\busers\b.*\bage\b.*\(.+\)$/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /^ {2}\S.*\bnickname\b/.test(l))).toHaveLength(1);

    const json = mig(dir, ["check", "--json"]);
    expect(json.code, printed(json)).toBe(1);
    const diff = JSON.parse(json.stdout) as {
      clean: boolean;
      changes: { kind: string; object: string | null; destructive: string | null }[];
      warnings: string[];
    };
    expect(diff.clean).toBe(false);
    const drop = diff.changes.find((c) => c.kind === "dropColumn");
    expect(drop?.object).toBe("age");
    expect(drop?.destructive).toEqual(expect.any(String));
    const add = diff.changes.find((c) => c.kind === "addColumn");
    expect(add).toMatchObject({ object: "nickname", destructive: null });
    expect(diff.warnings).toEqual(expect.any(Array));

    const gen = mig(dir, ["revision", "--autogenerate", "-m", "users v2"]);
    expect(gen.code, printed(gen)).toBe(0);
    const file = migrationFiles(dir).find((f) => f.endsWith("_users_v2.ts"))!;
    const script = readFileSync(join(dir, "migrations", file), "utf8");
    // The comment sits right above the call that drops the data.
    expect(script).toMatch(/\/\/ destructive: .+\n\s*await op\.dropColumn\(\s*"users",\s*"age"/);
    expect(mig(dir, ["up"]).code).toBe(0);
    const after = mig(dir, ["check"]);
    expect(after.code, printed(after)).toBe(0);
    expect(after.stdout).toBe(`${NO_CHANGES}\n`);
  });

  test("pull writes the schema module of an existing database, refuses to overwrite it, and check after it is clean", async () => {
    const { dir, db } = await project("");
    await db.exec(target.existingDdl);
    const pull = mig(dir, ["pull"]);
    expect(pull.code, printed(pull)).toBe(0);
    expect(pull.stdout).toContain("Wrote schema.ts (2 tables).");
    expect(pull.stdout).toContain('  schema: "./schema.ts",');
    const text = readFileSync(join(dir, "schema.ts"), "utf8");
    expect(text).toContain("authors");
    expect(text).toContain("books");

    writeFileSync(join(dir, "schema.ts"), "// mine\n");
    const refused = mig(dir, ["pull"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      "Error: schema.ts already exists; mig pull does not overwrite it.",
    );
    expect(refused.stderr).toContain("--force");
    expect(readFileSync(join(dir, "schema.ts"), "utf8")).toBe("// mine\n");
    const forced = mig(dir, ["pull", "--force"]);
    expect(forced.code, printed(forced)).toBe(0);
    expect(readFileSync(join(dir, "schema.ts"), "utf8")).toBe(text);

    writeConfig(dir, db.url, 'schema: "./schema.ts",');
    const check = mig(dir, ["check"]);
    expect(check.code, printed(check)).toBe(0);
    expect(check.stdout).toBe(`${NO_CHANGES}\n`);
    const gen = mig(dir, ["revision", "--autogenerate", "-m", "adopt"]);
    expect(gen.stdout).toBe(`${NO_CHANGES}\n`);
    expect(migrationFiles(dir)).toEqual([]);
    expect(existsSync(join(dir, "migrations"))).toBe(true);
  });
});

describe("pull on PostgreSQL", () => {
  const pg = TARGETS.find((t) => t.name === "postgres")!;

  test("--schema reads tables in other schemas too, foreign keys across them kept; check after it is clean", async () => {
    const dir = autogenerateProject("sqlite:./app.db", "");
    const db = await pg.database(dir);
    try {
      writeConfig(dir, db.url, "");
      await db.exec([
        "CREATE SCHEMA sales",
        "CREATE TABLE sales.customer (id serial PRIMARY KEY, name varchar(100) NOT NULL)",
        "CREATE TABLE sales.orders (id serial PRIMARY KEY, customer_id integer NOT NULL REFERENCES sales.customer (id))",
        "CREATE TABLE note (id serial PRIMARY KEY, customer_id integer REFERENCES sales.customer (id), body text)",
      ]);
      const pull = mig(dir, ["pull", "--schema", "sales"]);
      expect(pull.code, printed(pull)).toBe(0);
      expect(pull.stdout).toContain("Wrote schema.ts (3 tables).");
      writeConfig(dir, db.url, 'schema: "./schema.ts",');
      const check = mig(dir, ["check"]);
      expect(check.code, printed(check)).toBe(0);
      expect(check.stdout).toBe(`${NO_CHANGES}\n`);
    } finally {
      await db.drop();
    }
  });

  test("a database with no tables in the schemas read: exit 1, no file, and how to name others", async () => {
    const dir = autogenerateProject("sqlite:./app.db", "");
    const db = await pg.database(dir);
    try {
      writeConfig(dir, db.url, "");
      await db.exec(["CREATE SCHEMA sales", "CREATE TABLE sales.customer (id serial PRIMARY KEY)"]);
      const r = mig(dir, ["pull"]);
      expect(r.code, printed(r)).toBe(1);
      expect(r.stderr.trimEnd().split("\n")).toEqual([
        "Error: The database has no tables in schema public to pull.",
        "Create them first, or name the schemas they are in: mig pull --schema <name>.",
      ]);
      expect(existsSync(join(dir, "schema.ts"))).toBe(false);
    } finally {
      await db.drop();
    }
  });
});
