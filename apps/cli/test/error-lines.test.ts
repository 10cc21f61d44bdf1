import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { autogenerateProject, printed, sqliteTables, writeConfig } from "./autogenerate-project.js";
import { mig } from "./run-cli.js";

const stderrLines = (s: string) => s.trimEnd().split("\n");

/** A TypeScript migration importing `t` as users write it; `body` is upgrade()'s. */
const migration = (body: string) => `/** a */
import { t, type Operations } from "@mig/core";

export const revision = "aaaa00000000";
export const downRevision = null;

export async function upgrade(op: Operations): Promise<void> {
${body}
}

export async function downgrade(op: Operations): Promise<void> {}
`;

const tables = (dir: string) => sqliteTables(join(dir, "app.db"));

describe("a mistake in a migration, schema module or config names its line", () => {
  test.each([[[]], [["--sql"]]])(
    "a column type outside the vocabulary, at the createTable call (up %j)",
    (extra) => {
      const dir = autogenerateProject("sqlite:./app.db", "");
      writeFileSync(
        join(dir, "migrations", "0001_a.ts"),
        migration(`  await op.createTable("x", {
    id: { type: "integer", primaryKey: true },
    name: { type: "varchar(20)" },
  });`),
      );
      const r = mig(dir, ["up", ...extra]);
      expect(r.code, printed(r)).toBe(1);
      const lines = stderrLines(r.stderr);
      expect(lines.at(-2)).toBe(
        'Error: Upgrade aaaa00000000 failed in migrations/0001_a.ts:8: table x, column name: "varchar(20)" is not a mig column type (did you mean t.varchar(20)?).',
      );
      expect(r.stdout).toBe("");
      expect(tables(dir)).not.toContain("x");
    },
  );

  test("a CREATE TABLE held for what folds into it (SQLite) fails at the createTable line", () => {
    const dir = autogenerateProject("sqlite:./app.db", "");
    const body = (after: string) => `  op.execute("CREATE TABLE t (id INTEGER)");
  op.createTable("t", {
    id: { type: "integer", primaryKey: true },
  });
  op.createIndex("t_id", "t", ["id"]);
${after}`;
    const failure = (columns: string) =>
      `failed in migrations/0001_a.ts:9 at \`CREATE TABLE "t" ( "id" INTEGER NOT NULL,${columns} PRIMARY KEY ("id") )\`: table "t" already exists`;
    // Run by a later call that does not fold in: that call's line (13) used to be named.
    writeFileSync(
      join(dir, "migrations", "0001_a.ts"),
      migration(body(`  op.execute("SELECT 1");`)),
    );
    const later = mig(dir, ["up"]);
    expect(later.code, printed(later)).toBe(1);
    expect(later.stderr).toContain(failure(""));
    // Run at the script's end, with a column folded in: no line was named at all.
    writeFileSync(
      join(dir, "migrations", "0001_a.ts"),
      migration(body(`  op.addColumn("t", "x", { type: "integer" });`)),
    );
    const atEnd = mig(dir, ["up"]);
    expect(atEnd.code, printed(atEnd)).toBe(1);
    expect(atEnd.stderr).toContain(failure(' "x" INTEGER,'));
    expect(tables(dir)).not.toContain("t");
  });

  test("addColumn and alterColumn check the type at the call too", () => {
    const dir = autogenerateProject("sqlite:./app.db", "");
    writeFileSync(
      join(dir, "migrations", "0001_a.ts"),
      migration(`  await op.execute("CREATE TABLE x (id INTEGER)");
  await op.addColumn("x", "total", { type: "numeric(10,2)" });`),
    );
    const r = mig(dir, ["up"]);
    expect(r.code, printed(r)).toBe(1);
    expect(r.stderr).toContain(
      'failed in migrations/0001_a.ts:9: addColumn x.total: "numeric(10,2)" is not a mig column type (did you mean t.numeric(10, 2)?).',
    );
    expect(r.stderr).toContain("The database is at base (no revision).");
    expect(tables(dir)).not.toContain("x");

    writeFileSync(
      join(dir, "migrations", "0001_a.ts"),
      migration(`  await op.execute("CREATE TABLE x (id INTEGER)");
  await op.alterColumn("x", "id", { type: "bigint" });
  await op.alterColumn("x", "id", { type: "big int" });`),
    );
    const again = mig(dir, ["up"]);
    expect(again.code, printed(again)).toBe(1);
    expect(again.stderr).toContain(
      'failed in migrations/0001_a.ts:10: alterColumn x.id: "big int" is not a mig column type (did you mean "bigint"?).',
    );
  });

  test("a t.<builder> typo in a migration says which builder", () => {
    const dir = autogenerateProject("sqlite:./app.db", "");
    writeFileSync(
      join(dir, "migrations", "0001_a.ts"),
      migration(`  await op.createTable("x", {
    id: { type: "integer", primaryKey: true },
    name: { type: t.varchr(20) },
  });`),
    );
    const r = mig(dir, ["up"]);
    expect(r.code, printed(r)).toBe(1);
    expect(r.stderr).toMatch(
      /failed in migrations\/0001_a\.ts:10: \S*t\.varchr is not a function \(did you mean t\.varchar\?\)\n/,
    );
  });

  test("a t.<builder> typo in the schema module: its line and the builder meant", () => {
    const dir = autogenerateProject("sqlite:./app.db");
    writeFileSync(
      join(dir, "schema.ts"),
      `import { t, table } from "@mig/core";

export const account = table("account", {
  id: { type: "integer", primaryKey: true },
  name: { type: t.varchr(255) },
});
`,
    );
    for (const args of [["check"], ["revision", "--autogenerate", "-m", "x"]]) {
      const r = mig(dir, args);
      expect(r.code, printed(r)).toBe(1);
      expect(stderrLines(r.stderr)).toEqual([
        "Error: Cannot load the schema module schema.ts:5: t.varchr is not a function (did you mean t.varchar?)",
        "Fix the error at that line (run with --verbose for the full trace).",
      ]);
    }
  });

  test("a config that throws when it runs: its line", () => {
    const dir = autogenerateProject("sqlite:./app.db", "");
    writeConfig(dir, "sqlite:./app.db", 'scriptLocation: proces.env.MIGRATIONS ?? "migrations",');
    const r = mig(dir, ["current"]);
    expect(r.code, printed(r)).toBe(2);
    expect(stderrLines(r.stderr)).toEqual([
      "Error: Cannot load mig.config.ts:5: proces is not defined",
      "Fix the error at that line (run with --verbose for the full trace).",
    ]);
  });

  test.each([[[]], [["--sql"]]])(
    "a syntax error in a later script fails the run before its first step (up %j)",
    (extra) => {
      const dir = autogenerateProject("sqlite:./app.db", "");
      writeFileSync(
        join(dir, "migrations", "0001_a.ts"),
        migration(`  await op.createTable("x", { id: { type: "integer", primaryKey: true } });`),
      );
      writeFileSync(
        join(dir, "migrations", "0002_b.ts"),
        migration(`  await op.execute("SELECT 1" "SELECT 2");`)
          .replace('"aaaa00000000"', '"bbbb00000000"')
          .replace("downRevision = null", 'downRevision = "aaaa00000000"'),
      );
      const r = mig(dir, ["up", ...extra]);
      expect(r.code, printed(r)).toBe(1);
      expect(stderrLines(r.stderr).slice(-2)).toEqual([
        'Error: Syntax error in migration migrations/0002_b.ts:8:31: Unexpected token, expected ",".',
        "Fix the script at that line.",
      ]);
      expect(r.stdout).toBe("");
      // Nothing ran: the first script's table is not there, and no version row.
      expect(tables(dir).filter((t) => !t.startsWith("mig_"))).toEqual([]);
      expect(mig(dir, ["current"]).stdout).toBe("base (no migrations applied)\n");
    },
  );

  test.each([[[]], [["--sql"]]])(
    "a syntax error the transpiler takes and Node refuses is still named by line (up %j)",
    (extra) => {
      const dir = autogenerateProject("sqlite:./app.db", "");
      // Sucrase passes `{ a: 1,, }` through; Node's import() then says only "Unexpected token ','".
      writeFileSync(
        join(dir, "migrations", "0001_a.ts"),
        migration(`  const o: { a: number } = { a: 1,, };\n  await op.execute("SELECT 1");`),
      );
      const r = mig(dir, ["up", ...extra]);
      expect(r.code, printed(r)).toBe(1);
      expect(stderrLines(r.stderr).slice(-2)).toEqual([
        "Error: Syntax error in migration migrations/0001_a.ts:8:35: Unexpected token ','.",
        "Fix the script at that line.",
      ]);
      expect(r.stdout).toBe("");
    },
  );
});
