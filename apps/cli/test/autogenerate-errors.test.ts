import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { autogenerateProject, migrationFiles, printed, SCHEMA_V1 } from "./autogenerate-project.js";
import { mig } from "./run-cli.js";

const stderrLines = (s: string) => s.trimEnd().split("\n");

/** Every command that reads the schema module fails the same way. */
const COMMANDS = [["check"], ["revision", "--autogenerate", "-m", "x"]];

describe("autogenerate's errors are one or two plain lines, no stack trace", () => {
  test.each(COMMANDS)("no schema configured: exit 2 with the line to add (%s)", (...args) => {
    const dir = autogenerateProject("sqlite:./app.db", "");
    const r = mig(dir, args);
    expect(r.code, printed(r)).toBe(2);
    expect(stderrLines(r.stderr)).toEqual([
      "Error: No `schema` module is configured.",
      'Set schema: "./schema.ts" in mig.config (`mig pull` writes one from the database).',
    ]);
    expect(migrationFiles(dir)).toEqual([]);
  });

  test("a configured module that does not exist: exit 2", () => {
    const dir = autogenerateProject("sqlite:./app.db");
    const r = mig(dir, ["check"]);
    expect(r.code, printed(r)).toBe(2);
    expect(stderrLines(r.stderr)).toEqual([
      "Error: The schema module schema.ts does not exist.",
      "Fix `schema` in mig.config, or run `mig pull` to write the module from the database.",
    ]);
  });

  test("schema named without its extension, as an import would: schema.ts is found; pull writes it", () => {
    const dir = autogenerateProject("sqlite:./app.db", 'schema: "./schema",');
    const missing = mig(dir, ["check"]);
    expect(missing.code, printed(missing)).toBe(2);
    expect(missing.stderr).toContain(
      "Error: The schema module schema does not exist (nor schema.ts, schema.mts, schema.js, schema.mjs).",
    );
    expect(mig(dir, ["up"]).code).toBe(0);
    const pulled = mig(dir, ["pull"]);
    expect(pulled.code, printed(pulled)).toBe(1); // an empty database has nothing to pull
    writeFileSync(join(dir, "schema.ts"), SCHEMA_V1);
    const check = mig(dir, ["check"]);
    expect(check.code, printed(check)).toBe(1); // found and compared: the tables are missing
    expect(check.stdout).toContain("add table users");
    const gen = mig(dir, ["revision", "--autogenerate", "-m", "init"]);
    expect(gen.code, printed(gen)).toBe(0);
    expect(mig(dir, ["up"]).code).toBe(0);
    expect(mig(dir, ["check"]).code).toBe(0);
  });

  test("schema named with an extension that is not a module's: exit 2 with the name to use", () => {
    const dir = autogenerateProject("sqlite:./app.db", 'schema: "./schema.sql",');
    writeFileSync(join(dir, "schema.sql"), "CREATE TABLE t (id INTEGER);\n");
    for (const args of COMMANDS) {
      const r = mig(dir, args);
      expect(r.code, printed(r)).toBe(2);
      expect(stderrLines(r.stderr)).toEqual([
        "Error: The schema module schema.sql ends in .sql; it must be TypeScript or an ES module (.ts, .mts, .js or .mjs).",
        "Name it schema.ts in mig.config's `schema`.",
      ]);
    }
    expect(migrationFiles(dir)).toEqual([]);
  });

  test("pull with schema configured without its extension writes schema.ts", () => {
    const dir = autogenerateProject("sqlite:./app.db", 'schema: "./schema",');
    writeFileSync(join(dir, "schema.ts"), SCHEMA_V1);
    expect(mig(dir, ["revision", "--autogenerate", "-m", "init"]).code).toBe(0);
    expect(mig(dir, ["up"]).code).toBe(0);
    const pulled = mig(dir, ["pull", "--force"]);
    expect(pulled.code, printed(pulled)).toBe(0);
    expect(readdirSync(dir)).not.toContain("schema");
    expect(mig(dir, ["check"]).code).toBe(0);
  });

  test.each(COMMANDS)("a schema module that throws: exit 1, naming the file (%s)", (...args) => {
    const dir = autogenerateProject("sqlite:./app.db");
    writeFileSync(join(dir, "schema.ts"), 'throw new Error("boom: no tables today");\n');
    const r = mig(dir, args);
    expect(r.code, printed(r)).toBe(1);
    expect(stderrLines(r.stderr)).toEqual([
      "Error: Cannot load the schema module schema.ts:1: boom: no tables today",
      "Fix the error at that line (run with --verbose for the full trace).",
    ]);
    expect(migrationFiles(dir)).toEqual([]);
  });

  test("a schema module with a syntax error: exit 1, naming file:line:column", () => {
    const dir = autogenerateProject("sqlite:./app.db");
    writeFileSync(
      join(dir, "schema.ts"),
      'import { table } from "@mig/core";\n\nexport const users = table("users", {\n  id: { type: "integer" primaryKey: true },\n});\n',
    );
    const r = mig(dir, ["check"]);
    expect(r.code, printed(r)).toBe(1);
    const lines = stderrLines(r.stderr);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Error: Syntax error in schema\.ts:4:\d+: .+\.$/);
    expect(lines[1]).toBe("Fix the schema module at that line.");
  });

  test.each(COMMANDS)("a misspelt column option: exit 1, naming it and the fix (%s)", (...args) => {
    const dir = autogenerateProject("sqlite:./app.db");
    writeFileSync(join(dir, "schema.ts"), SCHEMA_V1.replace("nullable: false", "nulable: false"));
    const r = mig(dir, args);
    expect(r.code, printed(r)).toBe(1);
    expect(stderrLines(r.stderr)[0]).toMatch(
      /^Error: Cannot load the schema module schema\.ts:\d+: table \w+, column \w+: unknown option 'nulable' \(did you mean 'nullable'\?\)\.$/,
    );
    expect(stderrLines(r.stderr)).toHaveLength(2);
    expect(migrationFiles(dir)).toEqual([]);
  });

  test.each(COMMANDS)("a table with an empty name: exit 1, naming the line (%s)", (...args) => {
    const dir = autogenerateProject("sqlite:./app.db");
    writeFileSync(join(dir, "schema.ts"), SCHEMA_V1.replace('table("users"', 'table(""'));
    const r = mig(dir, args);
    expect(r.code, printed(r)).toBe(1);
    expect(stderrLines(r.stderr)[0]).toBe(
      "Error: Cannot load the schema module schema.ts:3: table() needs a table name; got an empty string.",
    );
    expect(migrationFiles(dir)).toEqual([]);
  });

  test.each(COMMANDS)("a schema module saved as Latin-1: exit 1, its line (%s)", (...args) => {
    const dir = autogenerateProject("sqlite:./app.db");
    const latin1 = Buffer.from(SCHEMA_V1.replace('table("users"', 'table("caf\u00e9"'), "latin1");
    writeFileSync(join(dir, "schema.ts"), latin1);
    const r = mig(dir, args);
    expect(r.code, printed(r)).toBe(1);
    expect(stderrLines(r.stderr)).toEqual([
      "Error: Cannot load the schema module schema.ts:3: not UTF-8 (byte 0xE9); mig reads it as UTF-8.",
      "Save the file as UTF-8 (most editors: File > Save with Encoding > UTF-8).",
    ]);
    expect(migrationFiles(dir)).toEqual([]);
  });

  test.each([
    ["names.ts", 'export const USERS = "caf\u00e9";\n'],
    ["names.js", 'export const USERS = "caf\u00e9";\n'],
  ])(
    "a file the schema module imports saved as Latin-1: exit 1, that file's line (%s)",
    (file, text) => {
      const dir = autogenerateProject("sqlite:./app.db");
      const source = SCHEMA_V1.replace(
        'import { t, table } from "@mig/core";',
        `import { t, table } from "@mig/core";\nimport { USERS } from "./${file.replace(".ts", ".js")}";`,
      ).replace('table("users"', "table(USERS");
      writeFileSync(join(dir, "schema.ts"), source);
      writeFileSync(join(dir, file), Buffer.from(`// names\n${text}`, "latin1"));
      const r = mig(dir, ["revision", "--autogenerate", "-m", "x"]);
      expect(r.code, printed(r)).toBe(1);
      expect(stderrLines(r.stderr)[0]).toBe(
        `Error: Cannot load the schema module schema.ts: ${file}:2 is not UTF-8 (byte 0xE9); mig reads it as UTF-8. Save the file as UTF-8 (most editors: File > Save with Encoding > UTF-8).`,
      );
      expect(migrationFiles(dir)).toEqual([]);
    },
  );

  test.each(COMMANDS)(
    "a declaration of mig's version table: exit 2, nothing written (%s)",
    (...args) => {
      const dir = autogenerateProject("sqlite:./app.db");
      const own =
        'export const v = table("MIG_Version", { version_num: { type: t.varchar(32), primaryKey: true } });\n';
      writeFileSync(join(dir, "schema.ts"), SCHEMA_V1 + own);
      const r = mig(dir, args);
      expect(r.code, printed(r)).toBe(2);
      // After the note that app.db is not there yet (read as empty, none created).
      expect(stderrLines(r.stderr).slice(-2)).toEqual([
        "Error: The schema module declares MIG_Version, one of mig's own tables (its version table, lock or applied log).",
        "Remove MIG_Version from the schema module: mig creates and keeps it, and never compares it.",
      ]);
      expect(migrationFiles(dir)).toEqual([]);
    },
  );

  test("a schema module that declares no tables: exit 1", () => {
    const dir = autogenerateProject("sqlite:./app.db");
    writeFileSync(join(dir, "schema.ts"), "export const version = 1;\n");
    const r = mig(dir, ["check"]);
    expect(r.code, printed(r)).toBe(1);
    expect(stderrLines(r.stderr)[0]).toBe("Error: The schema module schema.ts declares no tables.");
    expect(stderrLines(r.stderr)).toHaveLength(2);
  });

  test("--autogenerate with --sql is a usage error", () => {
    const dir = autogenerateProject("sqlite:./app.db");
    writeFileSync(join(dir, "schema.ts"), SCHEMA_V1);
    const r = mig(dir, ["revision", "--autogenerate", "--sql", "-m", "x"]);
    expect(r.code, printed(r)).toBe(2);
    expect(r.stderr).toContain("--autogenerate writes a TypeScript migration, not --sql.");
    expect(migrationFiles(dir)).toEqual([]);
  });

  test("a script template without the body placeholders: exit 2, nothing written", () => {
    const dir = autogenerateProject("sqlite:./app.db");
    writeFileSync(join(dir, "schema.ts"), SCHEMA_V1);
    writeFileSync(
      join(dir, "migrations", "script.ts.tmpl"),
      `/** \${message} */\nexport const revision = \${revision};\nexport const downRevision = \${downRevision};\nexport async function upgrade(op) {}\nexport async function downgrade(op) {}\n`,
    );
    const r = mig(dir, ["revision", "--autogenerate", "-m", "x"]);
    expect(r.code, printed(r)).toBe(2);
    expect(stderrLines(r.stderr)[0]).toBe(
      `Error: migrations/script.ts.tmpl has no \${imports}, \${upgrades}, \${downgrades} placeholders, so autogenerate cannot put the operations in.`,
    );
    expect(migrationFiles(dir)).toEqual([]);
  });

  test("the usage line of revision names --autogenerate; check and pull are commands", () => {
    const dir = autogenerateProject("sqlite:./app.db");
    expect(mig(dir, ["revision", "--help"]).stdout).toContain("--autogenerate");
    const help = mig(dir, ["--help"]).stdout;
    expect(help).toMatch(/^ {2}check\b/m);
    expect(help).toMatch(/^ {2}pull\b/m);
  });
});
