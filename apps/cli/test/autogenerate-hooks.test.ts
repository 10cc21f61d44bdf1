import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  autogenerateProject,
  migrationFiles,
  printed,
  SCHEMA_V1,
  TARGETS,
} from "./autogenerate-project.js";
import { mig } from "./run-cli.js";

const sqlite = TARGETS.find((t) => t.name === "sqlite")!;
const LEGACY = "CREATE TABLE legacy (id INTEGER PRIMARY KEY, note TEXT)";

/** A SQLite project whose database holds `legacy`, a table the schema does not declare. */
async function withLegacy(config: string): Promise<string> {
  const dir = autogenerateProject("sqlite:./app.db", `schema: "./schema.ts",\n  ${config}`);
  writeFileSync(join(dir, "schema.ts"), SCHEMA_V1);
  await (await sqlite.database(dir)).exec([LEGACY]);
  return dir;
}

describe("includeName / includeObject", () => {
  test("without a filter, a table only the database has is listed as a destructive drop", async () => {
    const dir = await withLegacy("");
    const r = mig(dir, ["check"]);
    expect(r.code, printed(r)).toBe(1);
    expect(r.stdout).toMatch(/^! .*\blegacy\b.*\(.+\)$/m);
  });

  test.each([
    ["includeName", 'includeName: (name, info) => !(info.type === "table" && name === "legacy"),'],
    [
      "includeObject",
      'includeObject: (object) => !(object.type === "table" && object.name === "legacy"),',
    ],
  ])("%s leaves the table out of check and of the generated migration", async (_, filter) => {
    const dir = await withLegacy(filter);
    const check = mig(dir, ["check", "--json"]);
    const diff = JSON.parse(check.stdout) as { changes: { table: { name: string } | null }[] };
    expect(diff.changes.filter((c) => c.table?.name === "legacy")).toEqual([]);
    const gen = mig(dir, ["revision", "--autogenerate", "-m", "create"]);
    expect(gen.code, printed(gen)).toBe(0);
    const file = migrationFiles(dir)[0]!;
    expect(readFileSync(join(dir, "migrations", file), "utf8")).not.toContain("legacy");
    expect(mig(dir, ["up"]).code).toBe(0);
    const after = mig(dir, ["check"]);
    expect(after.code, printed(after)).toBe(0);
  });
});

test("mig pull leaves out the tables the filters leave out", async () => {
  const dir = await withLegacy(
    'includeName: (name, info) => !(info.type === "table" && name === "legacy"),',
  );
  await sqlite.database(dir).then((db) => db.exec(["CREATE TABLE kept (id INTEGER PRIMARY KEY)"]));
  const r = mig(dir, ["pull", "--out", "pulled.ts"]);
  expect(r.code, printed(r)).toBe(0);
  expect(r.stdout).toContain("Wrote pulled.ts (1 table).");
  const text = readFileSync(join(dir, "pulled.ts"), "utf8");
  expect(text).toContain('"kept"');
  expect(text).not.toContain("legacy");
});

describe("processRevisionDirectives", () => {
  test("returning null writes no file and says so", async () => {
    const dir = autogenerateProject(
      "sqlite:./app.db",
      'schema: "./schema.ts",\n  processRevisionDirectives: () => null,',
    );
    writeFileSync(join(dir, "schema.ts"), SCHEMA_V1);
    const r = mig(dir, ["revision", "--autogenerate", "-m", "create"]);
    expect(r.code, printed(r)).toBe(0);
    expect(r.stdout).toBe("No migration written: processRevisionDirectives returned null.\n");
    expect(migrationFiles(dir)).toEqual([]);
  });

  test("a rewritten revision is what gets written: its message and its operations (-x reaches the hook)", async () => {
    const hook = `processRevisionDirectives: (revision, ctx) => ({
    ...revision,
    message: \`\${revision.message} for \${ctx.x.team}\`,
    upgrade: revision.upgrade.filter((op) => !JSON.stringify(op).includes('"posts"')),
    downgrade: revision.downgrade.filter((op) => !JSON.stringify(op).includes('"posts"')),
  }),`;
    const dir = autogenerateProject("sqlite:./app.db", `schema: "./schema.ts",\n  ${hook}`);
    writeFileSync(join(dir, "schema.ts"), SCHEMA_V1);
    const r = mig(dir, ["revision", "--autogenerate", "-m", "create", "-x", "team=core"]);
    expect(r.code, printed(r)).toBe(0);
    const [file] = migrationFiles(dir);
    expect(file).toMatch(/_create_for_core\.ts$/);
    const script = readFileSync(join(dir, "migrations", file!), "utf8");
    expect(script).toContain("/** create for core */");
    expect(script).toContain('"users"');
    expect(script).not.toContain('"posts"');
    expect(mig(dir, ["up"]).code).toBe(0);
    // posts was left out, so the database still lacks it.
    const check = mig(dir, ["check", "--json"]);
    expect(check.code).toBe(1);
    const diff = JSON.parse(check.stdout) as {
      changes: { kind: string; table: { name: string } }[];
    };
    expect(diff.changes).toEqual([
      expect.objectContaining({
        kind: "addTable",
        table: expect.objectContaining({ name: "posts" }),
      }),
    ]);
  });

  test.each([
    [
      'processRevisionDirectives: () => { throw new Error("ticket number required"); },',
      1,
      "Error: The processRevisionDirectives hook in mig.config failed: ticket number required",
    ],
    [
      'processRevisionDirectives: (r) => ({ ...r, upgrade: [{ kind: "bogus" }] }),',
      2,
      "Error: processRevisionDirectives returned something that is not a revision",
    ],
    [
      'processRevisionDirectives: (r) => ({ ...r, upgrade: [{ kind: "addColumn" }] }),',
      2,
      "Error: processRevisionDirectives returned an operation mig cannot write (",
    ],
  ])(
    "a hook that throws or returns unknown operations is named, nothing written (%s)",
    (hook, code, said) => {
      const dir = autogenerateProject("sqlite:./app.db", `schema: "./schema.ts",\n  ${hook}`);
      writeFileSync(join(dir, "schema.ts"), SCHEMA_V1);
      const r = mig(dir, ["revision", "--autogenerate", "-m", "create"]);
      expect(r.code, printed(r)).toBe(code);
      expect(r.stderr).toContain(said);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(migrationFiles(dir)).toEqual([]);
    },
  );
});
