import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { bundleProject as project, writeFiles as write } from "./bundle-project.js";
import { aheadEnv } from "./clock-ahead.js";
import { mig as migNow } from "./run-cli.js";

// mig with its clock ahead (clock-ahead.cjs): the files the test wrote count as settled, so
// the runs cache what they learn of them, as they would of a real project's scripts.
const mig = (cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) =>
  migNow(cwd, args, { ...aheadEnv(), ...env });

// A run loads its TypeScript scripts from one cached bundle (node_modules/.cache/mig/);
// whatever the cache holds, the user sees the scripts as they are on disk.

const script = (rev: string, down: string | null, body: string, top = "") => `/** ${rev} */
${top}
export const revision = "${rev}";
export const downRevision = ${down === null ? "null" : JSON.stringify(down)};
export async function upgrade(op: { execute(sql: string): unknown }): Promise<void> {
  ${body}
}
export async function downgrade(op: unknown): Promise<void> {}
`;

const cacheDir = (dir: string) => join(dir, "node_modules", ".cache", "mig");
const bundleFiles = (dir: string) =>
  readdirSync(cacheDir(dir))
    .filter((f) => f.startsWith("bundle-"))
    .map((f) => join(cacheDir(dir), f));
const bundleText = (dir: string) =>
  bundleFiles(dir)
    .filter((f) => f.endsWith(".js"))
    .map((f) => readFileSync(f, "utf8"))
    .join("");

function sql(dir: string): string {
  const r = mig(dir, ["up", "--sql"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return r.stdout;
}

const three = {
  "migrations/0001_a.ts": script("aaaa00000000", null, 'op.execute("SELECT 101");'),
  "migrations/0002_b.ts": script("bbbb00000000", "aaaa00000000", 'op.execute("SELECT 102");'),
  "migrations/0003_c.ts": script("cccc00000000", "bbbb00000000", 'op.execute("SELECT 103");'),
};

describe("a run's scripts come from a cached bundle that always matches the files", () => {
  test("an edited script (same size, other size), an added and a removed one are seen", () => {
    const p = project(three);
    expect(sql(p)).toMatch(/SELECT 101;[\s\S]*SELECT 102;[\s\S]*SELECT 103;/);
    expect(bundleText(p)).toContain("SELECT 102");

    write(p, { "migrations/0002_b.ts": three["migrations/0002_b.ts"].replace("102", "202") });
    expect(sql(p)).toMatch(/SELECT 101;[\s\S]*SELECT 202;[\s\S]*SELECT 103;/);

    write(p, { "migrations/0002_b.ts": three["migrations/0002_b.ts"].replace("102", "20002") });
    expect(sql(p)).toMatch(/SELECT 101;[\s\S]*SELECT 20002;[\s\S]*SELECT 103;/);

    write(p, {
      "migrations/0004_d.ts": script("dddd00000000", "cccc00000000", 'op.execute("SELECT 104");'),
    });
    expect(sql(p)).toMatch(/SELECT 103;[\s\S]*SELECT 104;/);

    rmSync(join(p, "migrations", "0004_d.ts"));
    const out = sql(p);
    expect(out).toContain("SELECT 103;");
    expect(out).not.toContain("SELECT 104");
  });

  test("imports from @mig/core, a relative helper and a package: named, default and namespace", () => {
    const p = project({
      "lib/helper.ts":
        'export const named = "n1";\nexport default function tag(): string { return "d1"; }\n',
      "node_modules/cjs-pkg/package.json": '{ "name": "cjs-pkg", "main": "index.js" }',
      "node_modules/cjs-pkg/index.js": 'module.exports = { whole: "w1" };\n',
      "migrations/0001_a.ts": script(
        "aaaa00000000",
        null,
        'const seen = [named, tag(), typeof helper.default, typeof MigError, typeof core.MigError, pkg.whole, value];\n  op.execute("SELECT \'" + seen.join("\', \'") + "\'");',
        [
          'import tag, { named } from "../lib/helper.js";',
          'import * as helper from "../lib/helper.js";',
          'import { MigError } from "@mig/core";',
          'import * as core from "@mig/core";',
          'import pkg from "cjs-pkg";',
          "const value = await Promise.resolve('tla');",
        ].join("\n"),
      ),
    });
    expect(sql(p)).toContain("SELECT 'n1', 'd1', 'function', 'function', 'function', 'w1', 'tla';");
    expect(bundleText(p)).toContain("/** aaaa00000000 */");
  });

  test("a script the bundle cannot carry (import.meta) loads on its own", () => {
    const p = project({
      "migrations/0001_a.ts": script(
        "aaaa00000000",
        null,
        'op.execute("SELECT \'" + import.meta.url.includes("0001_a.ts") + "\'");',
      ),
      "migrations/0002_b.ts": script("bbbb00000000", "aaaa00000000", 'op.execute("SELECT 102");'),
    });
    expect(sql(p)).toMatch(/SELECT 'true';[\s\S]*SELECT 102;/);
    expect(bundleText(p)).toContain("SELECT 102");
    expect(bundleText(p)).not.toContain("import.meta");
  });

  test("a run of one direction calls each function alone where its module does nothing else", () => {
    const twoWay = (rev: string, down: string | null, up: string, back: string, top = "") =>
      `/** ${rev} */\n${top}\nexport const revision = "${rev}";\nexport const downRevision = ${down === null ? "null" : JSON.stringify(down)};\nexport async function upgrade(op: { execute(sql: string): unknown }) {\n  ${up}\n}\nexport async function downgrade(op: { execute(sql: string): unknown }) {\n  ${back}\n}\n`;
    const p = project({
      "migrations/0001_a.ts": twoWay(
        "aaaa00000000",
        null,
        'op.execute("SELECT 101");',
        'op.execute("SELECT 901");',
      ),
      // Uses a name of its module: runs in its module.
      "migrations/0002_b.ts": twoWay(
        "bbbb00000000",
        "aaaa00000000",
        'op.execute("SELECT " + (n + 2));',
        'op.execute("SELECT " + (n + 902));',
        "const n = 100;",
      ),
      // Does something at its top level: its module runs, once.
      "migrations/0003_c.ts": twoWay(
        "cccc00000000",
        "bbbb00000000",
        'op.execute("SELECT 103");',
        'op.execute("SELECT 903");',
        'console.log("-- c loaded");',
      ),
    });
    for (let run = 0; run < 2; run++) {
      const up = sql(p);
      expect(up).toMatch(/SELECT 101;[\s\S]*SELECT 102;[\s\S]*SELECT 103;/);
      expect(up.match(/-- c loaded/g)).toHaveLength(1);
      const r = mig(p, ["down", "cccc00000000:base", "--sql"]);
      expect(r.stderr).toBe("");
      expect(r.stdout).toMatch(/SELECT 903;[\s\S]*SELECT 1002;[\s\S]*SELECT 901;/);
      expect(r.stdout).not.toMatch(/SELECT 10[123];/);
    }
    const bundles = bundleFiles(p).filter((f) => f.endsWith(".js"));
    const upBundle = readFileSync(bundles.find((f) => f.endsWith("-up.js"))!, "utf8");
    const downBundle = readFileSync(bundles.find((f) => f.endsWith("-down.js"))!, "utf8");
    // a alone in each; b and c as modules.
    expect(upBundle.match(/\/\/direct\n/g)).toHaveLength(1);
    expect(upBundle).not.toContain("SELECT 901");
    expect(upBundle).toContain("const n = 100");
    expect(downBundle.match(/\/\/direct\n/g)).toHaveLength(1);
    expect(downBundle).not.toContain("SELECT 101");
  });

  test("non-ASCII text comes out as written, also from the cached bundle", () => {
    const p = project({
      "migrations/0001_a.ts": script(
        "aaaa00000000",
        null,
        "op.execute(\"SELECT 'h\u00e9llo \u2713 \u{1F600}'\");",
      ),
    });
    for (let run = 0; run < 2; run++)
      expect(sql(p)).toContain("SELECT 'h\u00e9llo \u2713 \u{1F600}';");
  });

  test("a corrupted bundle or code cache is ignored and rebuilt", () => {
    const p = project(three);
    const expected = sql(p);
    for (const file of bundleFiles(p)) writeFileSync(file, "garbage");
    expect(sql(p)).toBe(expected);
    expect(bundleText(p)).toContain("SELECT 103");
    // A bundle cut short (its manifest still whole).
    const js = bundleFiles(p).find((f) => f.endsWith(".js"))!;
    writeFileSync(js, readFileSync(js, "utf8").slice(0, 200));
    expect(sql(p)).toBe(expected);
  });

  test("two script directories with files of the same name: each runs its own, edits seen", () => {
    const p = project({
      "migrations/0001_x.ts": script("aaaa00000000", null, 'op.execute("SELECT 101");'),
      "more/0001_x.ts": script("bbbb00000000", "aaaa00000000", 'op.execute("SELECT 102");'),
    });
    const config = join(p, "mig.config.mjs");
    writeFileSync(
      config,
      readFileSync(config, "utf8").replace(
        "dialects:",
        'versionLocations: ["migrations", "more"], dialects:',
      ),
    );
    for (let run = 0; run < 2; run++) expect(sql(p)).toMatch(/SELECT 101;[\s\S]*SELECT 102;/);
    write(p, {
      "more/0001_x.ts": script("bbbb00000000", "aaaa00000000", 'op.execute("SELECT 202");'),
    });
    expect(sql(p)).toMatch(/SELECT 101;[\s\S]*SELECT 202;/);
    write(p, {
      "migrations/0001_x.ts": script("aaaa00000000", null, 'op.execute("SELECT 201");'),
    });
    expect(sql(p)).toMatch(/SELECT 201;[\s\S]*SELECT 202;/);
  });
});

describe("a failing script is named as when it loaded on its own", () => {
  const expectFailure = (dir: string, message: string | RegExp) => {
    const r = mig(dir, ["up", "--sql"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe("");
  };

  test("a throw: its own file and line, also on the run after the bundle is cached", () => {
    const p = project({
      ...three,
      "migrations/0003_c.ts": script(
        "cccc00000000",
        "bbbb00000000",
        'op.execute("SELECT 1");\n  throw new Error("boom");',
      ),
    });
    for (let run = 0; run < 2; run++)
      expectFailure(p, "Upgrade cccc00000000 failed in migrations/0003_c.ts:7: boom");
    // With --verbose the trace points into the script, not into the cache.
    const r = mig(p, ["--verbose", "up", "--sql"]);
    expect(r.stderr).toContain(`${join(p, "migrations", "0003_c.ts")}:7:`);
    expect(r.stderr).not.toContain(".cache");
  });

  test("a throw at the top level names the file", () => {
    const p = project({
      ...three,
      "migrations/0002_b.ts": script("bbbb00000000", "aaaa00000000", "", 'throw new Error("top");'),
    });
    expectFailure(p, /Upgrade bbbb00000000 failed in migrations\/0002_b\.ts.*0002_b\.ts: top/);
  });

  test("a syntax error, from the transpiler or only from V8, names the file", () => {
    const p = project({
      ...three,
      "migrations/0002_b.ts": script("bbbb00000000", "aaaa00000000", 'op.execute("SELECT 1"'),
    });
    // Every script of the run loads before its first step: the run fails before anything.
    expectFailure(p, /^Error: Syntax error in migration migrations\/0002_b\.ts:7:1: /);
    write(p, {
      "migrations/0002_b.ts": script("bbbb00000000", "aaaa00000000", "let x = 1; let x = 2;"),
    });
    expectFailure(p, /0002_b\.ts.*Identifier 'x' has already been declared/);
    // The other scripts still come from the bundle.
    expect(bundleText(p)).toContain("SELECT 103");
  });
});
