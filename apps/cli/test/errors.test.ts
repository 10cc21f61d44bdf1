import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { mig, sqliteProject, tempDir } from "./run-cli.js";

const script = (rev: string, down: string | null, body = "") => `/** ${rev} */
export const revision = "${rev}";
export const downRevision = ${down === null ? "null" : JSON.stringify(down)};
export const branchLabels = [];
export const dependsOn = [];
export async function upgrade(op) { ${body} }
export async function downgrade(op) {}
`;

/** Plain errors: short, with the fix, no stack trace. */
function expectPlain(
  r: { code: number; stderr: string; stdout: string },
  code: number,
  text: string | RegExp,
) {
  expect(r.code).toBe(code);
  expect(r.stderr).toMatch(text);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  const error = r.stderr.slice(r.stderr.indexOf("Error:"));
  expect(error.trim().split("\n").length).toBeLessThanOrEqual(2);
}

describe("bad input gets one or two plain lines and a non-zero exit", () => {
  test("unknown target", () => {
    const p = sqliteProject();
    writeFileSync(join(p, "migrations", "0001_a.ts"), script("aaaa00000000", null));
    expectPlain(mig(p, ["up", "zzzz"]), 2, "No such revision or branch 'zzzz'");
  });

  test("several heads for `head`", () => {
    const p = sqliteProject();
    writeFileSync(join(p, "migrations", "0001_a.ts"), script("aaaa00000000", null));
    writeFileSync(join(p, "migrations", "0002_b.ts"), script("bbbb00000000", null));
    const r = mig(p, ["up"]);
    expectPlain(r, 2, "'head' is ambiguous: there are several heads (aaaa00000000, bbbb00000000).");
    expect(mig(p, ["up", "heads"]).code).toBe(0);
    expect(mig(p, ["current"]).stdout).toBe("aaaa00000000 (head)\nbbbb00000000 (head)\n");
  });

  test("missing dialect package names the install command", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "migrations"));
    writeFileSync(
      join(dir, "mig.config.json"),
      JSON.stringify({ url: "foodb://u:hunter2@localhost/x" }),
    );
    const r = mig(dir, ["current"]);
    expectPlain(r, 2, "No dialect for 'foodb:' URLs: mig-dialect-foodb is not installed.");
    expect(r.stderr).toContain("npm install mig-dialect-foodb");
    expect(r.stderr + r.stdout).not.toContain("hunter2");
  });

  test("a misspelt scheme gets the fixed URL, without its password", () => {
    const p = sqliteProject();
    for (const [given, fixed] of [
      ["postgress://u:hunter2@localhost/x", "postgres://u:***@localhost/x"],
      ["sqlite3:./app.db", "sqlite:./app.db"],
      ["mysq://u:hunter2@h/x", "mysql://u:***@h/x"],
    ] as const) {
      const r = mig(p, ["current", "--url", given]);
      const scheme = given.slice(0, given.indexOf(":"));
      const near = fixed.slice(0, fixed.indexOf(":"));
      expectPlain(r, 2, `No dialect for '${scheme}:' URLs (did you mean '${near}:'?).`);
      expect(r.stderr).toContain(`Fix the scheme: ${fixed}\n`);
      // No `npm install mig-dialect-postgress`: a typo's package name anybody may publish.
      expect(r.stderr).not.toContain("npm install");
      expect(r.stderr + r.stdout).not.toContain("hunter2");
    }
  });

  test("malformed URL, without its password", () => {
    const p = sqliteProject();
    const r = mig(p, ["current", "--url", "postgres://u:hunter2@host:notaport/db"]);
    expectPlain(r, 2, "The database URL 'postgres://u:***@host:notaport/db' is malformed.");
    expect(r.stderr).not.toContain("hunter2");
    expectPlain(mig(p, ["current", "--url", "just-a-path.db"]), 2, "has no scheme");
  });

  test("unreadable config", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "mig.config.json"), '{ "url": "sqlite:./x.db", }');
    expectPlain(mig(dir, ["heads"]), 2, /Cannot read mig\.config\.json:1:27: .*JSON/);
    const ts = tempDir();
    writeFileSync(join(ts, "mig.config.ts"), "export default { url: ");
    expectPlain(mig(ts, ["heads"]), 2, "Syntax error in mig.config.ts:1:23: Unexpected token.");
    const unknown = tempDir();
    writeFileSync(join(unknown, "mig.config.json"), '{ "uri": "sqlite:./x.db" }');
    expectPlain(
      mig(unknown, ["heads"]),
      2,
      "mig.config.json has an unknown key 'uri' (did you mean 'url'?).",
    );
    expectPlain(
      mig(tempDir(), ["heads", "--config", "nope.json"]),
      2,
      "Config file nope.json does not exist.",
    );
  });

  test("a header that cannot be read statically names file and line", () => {
    const p = sqliteProject();
    writeFileSync(
      join(p, "migrations", "0001_a.ts"),
      script("aaaa00000000", null).replace('"aaaa00000000"', "makeId()"),
    );
    const r = mig(p, ["heads"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/0001_a\.ts:2/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test("a migration that throws: exit 1, the revision named, the version table at the last good one", () => {
    const p = sqliteProject();
    writeFileSync(
      join(p, "migrations", "0001_a.ts"),
      script("aaaa00000000", null, 'await op.execute("CREATE TABLE t1 (id INTEGER)");'),
    );
    writeFileSync(
      join(p, "migrations", "0002_b.ts"),
      script("bbbb00000000", "aaaa00000000", 'await op.execute("CREATE TABLE t1 (id INTEGER)");'),
    );
    const r = mig(p, ["up"]);
    expectPlain(
      r,
      1,
      "Upgrade bbbb00000000 failed in migrations/0002_b.ts:6 at `CREATE TABLE t1 (id INTEGER)`: table t1 already exists",
    );
    expect(r.stderr).toContain("The database is at aaaa00000000.");
    expect(mig(p, ["current"]).stdout).toBe("aaaa00000000\n");
    expect(mig(p, ["up", "--verbose"]).stderr).toMatch(/\n\s+at /);
  });

  test.each([
    ["Object.create(null)", "an object that is not an Error was thrown"],
    ['{ code: 42, reason: "no" }', '{"code":42,"reason":"no"}'],
  ])("a script that throws %s: the revision and the value, and a failure row", (value, shown) => {
    const p = sqliteProject();
    writeFileSync(
      join(p, "migrations", "0001_a.ts"),
      script("aaaa00000000", null, `throw ${value};`),
    );
    const r = mig(p, ["up"]);
    expectPlain(r, 1, `Upgrade aaaa00000000 failed in migrations/0001_a.ts: ${shown}`);
    expect(mig(p, ["log"]).stdout).toMatch(/^aaaa00000000\s+up\s.*failed/);
  });

  test("an op call a script leaves for after it returned is refused, not run in the next migration", () => {
    const p = sqliteProject();
    const leak =
      'await op.execute("CREATE TABLE x (id INTEGER)"); setTimeout(() => op.execute("CREATE TABLE leaked (id INTEGER)"), 50);';
    writeFileSync(join(p, "migrations", "0001_a.ts"), script("aaaa00000000", null, leak));
    writeFileSync(
      join(p, "migrations", "0002_b.ts"),
      script(
        "bbbb00000000",
        "aaaa00000000",
        'await new Promise((r) => setTimeout(r, 300)); await op.execute("CREATE TABLE y (id INTEGER)");',
      ),
    );
    const r = mig(p, ["up"]);
    expectPlain(
      r,
      1,
      "Upgrade bbbb00000000 failed in migrations/0002_b.ts: upgrade aaaa00000000 called op.execute() after it had returned: a call it did not await (from a timer or a callback). The call did not run.",
    );
    expect(mig(p, ["current"]).stdout).toBe("aaaa00000000\n");
    const tables = mig(p, ["up", "--sql", "aaaa00000000:bbbb00000000"]);
    expect(tables.stdout).not.toContain("leaked");
    // The leaked call never ran: the next `up` applies bbbb alone.
    writeFileSync(
      join(p, "migrations", "0001_a.ts"),
      script("aaaa00000000", null, 'await op.execute("CREATE TABLE x (id INTEGER)");'),
    );
    const again = mig(p, ["up", "--log-sql"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain("leaked");
  });

  test("pull --schema with an empty name", () => {
    const p = sqliteProject();
    expectPlain(mig(p, ["pull", "--schema", ""]), 2, "--schema was given an empty name.");
  });

  test("pull --out naming a directory: a usage error, not EISDIR, with or without --force", () => {
    const p = sqliteProject();
    expect(mig(p, ["up"]).code).toBe(0);
    for (const args of [
      ["pull", "--out", "migrations"],
      ["pull", "--out", "migrations", "--force"],
    ]) {
      expectPlain(mig(p, args), 2, "--out migrations is a directory; mig pull writes one file.");
      expect(readdirSync(p).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    }
    // Named as typed (it said the directory's own name for `.`).
    expectPlain(
      mig(p, ["pull", "--out", "."]),
      2,
      "--out . is a directory; mig pull writes one file.",
    );
  });

  test("pull --out naming a file that is not a module (schema.sql): refused before reading", () => {
    const p = sqliteProject();
    expect(mig(p, ["up"]).code).toBe(0);
    const before = readdirSync(p).sort();
    const sql = mig(p, ["pull", "--out", "schema.sql"]);
    expectPlain(
      sql,
      2,
      "--out schema.sql ends in .sql; mig pull writes a TypeScript schema module (.ts, .mts, .js or .mjs).",
    );
    expect(sql.stderr).toContain("Name it schema.ts, e.g. --out schema.ts.");
    expectPlain(mig(p, ["pull", "--out", "schema"]), 2, "--out schema has no extension;");
    expectPlain(mig(p, ["pull", "--out", ""]), 2, "--out was given an empty name.");
    expect(readdirSync(p).sort()).toEqual(before);
  });

  test("an offline range starting at a relative step is refused, as Alembic refuses it", () => {
    const p = sqliteProject();
    writeFileSync(join(p, "migrations", "0001_a.ts"), script("aaaa00000000", null));
    writeFileSync(join(p, "migrations", "0002_b.ts"), script("bbbb00000000", "aaaa00000000"));
    // Counted from the heads, these wrote nothing, or everything from base, with exit 0.
    for (const range of ["-1:bbbb00000000", "bbbb00000000@-1:bbbb00000000", "+1:head"]) {
      const r = mig(p, ["up", "--sql", "--", range]);
      expectPlain(
        r,
        2,
        `The range '${range}' starts at '${range.slice(0, range.indexOf(":"))}', a relative step: --sql reads no database to count from.`,
      );
      expect(r.stdout).toBe("");
    }
    // A range without --sql: Alembic's "Range revision not allowed", said with the fix.
    const online = mig(p, ["up", "aaaa00000000:bbbb00000000"]);
    expectPlain(
      online,
      2,
      "'aaaa00000000:bbbb00000000' is a range, which only --sql takes: online, the run starts where the database is.",
    );
    expect(online.stderr).toContain("mig up bbbb00000000");
    // A relative end counts from the start, as in Alembic.
    const down = mig(p, ["down", "--sql", "bbbb00000000:-1"]);
    expect(down.code, down.stderr).toBe(0);
    expect(down.stdout).toContain("-- Running downgrade bbbb00000000");
  });

  test("an offline range with nothing in it says so on stderr (a reversed range printed nothing)", () => {
    const p = sqliteProject();
    writeFileSync(join(p, "migrations", "0001_a.ts"), script("aaaa00000000", null));
    writeFileSync(join(p, "migrations", "0002_b.ts"), script("bbbb00000000", "aaaa00000000"));
    const reversed = mig(p, ["up", "--sql", "bbbb00000000:aaaa00000000"]);
    expect(reversed.code).toBe(0);
    expect(reversed.stdout).toBe("");
    expect(reversed.stderr).toBe("Nothing to upgrade from bbbb00000000: no SQL written.\n");
    const down = mig(p, ["down", "--sql", "aaaa00000000:aaaa00000000"]);
    expect(down.stderr).toBe("Nothing to downgrade from aaaa00000000: no SQL written.\n");
    expect(mig(p, ["up", "--sql", "bbbb00000000:aaaa00000000", "--quiet"]).stderr).toBe("");
  });

  test("an operation that cannot render offline: exit 1, its own fix, and no half-written SQL", () => {
    const p = sqliteProject();
    writeFileSync(
      join(p, "migrations", "0001_a.ts"),
      script("aaaa00000000", null, 'await op.execute("CREATE TABLE t1 (id INTEGER)");'),
    );
    writeFileSync(
      join(p, "migrations", "0002_b.ts"),
      script("bbbb00000000", "aaaa00000000", 'op.alterColumn("t1", "id", { nullable: false });'),
    );
    const r = mig(p, ["up", "--sql"]);
    expectPlain(
      r,
      1,
      "Upgrade bbbb00000000 failed in migrations/0002_b.ts:6: batch on SQLite with --sql needs the table",
    );
    expect(r.stderr).toContain("copyFrom");
    expect(r.stderr).not.toContain("The database is at");
    expect(r.stdout).toBe("");
    // Online, the same operation copies the table.
    expect(mig(p, ["up"]).code).toBe(0);
  });

  test("database file in a missing directory", () => {
    const p = sqliteProject("sqlite:./no/such/dir/app.db");
    const r = mig(p, ["current"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no/such/dir");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test("unknown command and missing argument are usage errors", () => {
    expect(mig(tempDir(), ["frobnicate"]).code).toBe(2);
    expect(mig(tempDir(), ["down"]).code).toBe(2);
  });

  test("a misspelt command still gets its suggestion (mig builds the named command only)", () => {
    const r = mig(tempDir(), ["upp"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'upp'");
    expect(r.stderr).toContain("(Did you mean up?)");
  });

  test("no config and no URL", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "migrations"));
    expectPlain(mig(dir, ["current"]), 2, "No database URL is configured.");
  });
});
