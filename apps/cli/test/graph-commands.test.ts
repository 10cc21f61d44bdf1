import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { mig, tempDir } from "./run-cli.js";

describe("init, revision, heads, history", () => {
  test("the quick start an Alembic user expects", () => {
    const root = tempDir();
    expect(mig(root, ["init", "demo"]).code).toBe(0);
    const demo = join(root, "demo");
    expect(readdirSync(demo).sort()).toEqual(["mig.config.ts", "migrations"]);
    expect(readdirSync(join(demo, "migrations"))).toEqual(["script.ts.tmpl"]);

    const one = mig(demo, ["revision", "-m", "one", "--rev-id", "aaaaaaaaaaaa"]);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toMatch(
      /Generating migrations\/\d{8}_\d{4}_aaaaaaaaaaaa_one\.ts \.\.\. done/,
    );
    expect(mig(demo, ["revision", "-m", "two", "--rev-id", "bbbbbbbbbbbb"]).code).toBe(0);

    expect(mig(demo, ["heads"]).stdout).toBe("bbbbbbbbbbbb (head)\n");
    expect(mig(demo, ["history"]).stdout).toBe(
      "aaaaaaaaaaaa -> bbbbbbbbbbbb (head), two\n<base> -> aaaaaaaaaaaa, one\n",
    );
    const file = readdirSync(join(demo, "migrations")).find((f) => f.includes("bbbbbbbbbbbb"))!;
    const text = readFileSync(join(demo, "migrations", file), "utf8");
    expect(text).toContain(
      'export const downRevision: string | readonly string[] | null = "aaaaaaaaaaaa";',
    );
    expect(text).toMatch(/^\/\*\* two \*\//);
  });

  test("random revision ids are 12 lowercase hex characters", () => {
    const root = tempDir();
    mig(root, ["init", "p"]);
    const r = mig(join(root, "p"), ["revision", "-m", "x", "--json"]);
    expect(JSON.parse(r.stdout).revision).toMatch(/^[0-9a-f]{12}$/);
  });

  test("several heads: revision refuses without --head, merge joins them, branches lists the point", () => {
    const root = tempDir();
    mig(root, ["init", "p"]);
    const p = join(root, "p");
    mig(p, ["revision", "-m", "base", "--rev-id", "aaaa00000000"]);
    mig(p, ["revision", "-m", "left", "--rev-id", "bbbb00000000"]);
    const splice = mig(p, [
      "revision",
      "-m",
      "right",
      "--rev-id",
      "cccc00000000",
      "--head",
      "aaaa",
    ]);
    expect(splice.code).toBe(2);
    expect(splice.stderr).toContain("Revision aaaa00000000 is not a head revision.");
    expect(
      mig(p, ["revision", "-m", "right", "--rev-id", "cccc00000000", "--head", "aaaa", "--splice"])
        .code,
    ).toBe(0);

    const refused = mig(p, ["revision", "-m", "next"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("There are several heads (bbbb00000000, cccc00000000).");
    expect(refused.stderr.trim().split("\n")).toHaveLength(2);

    expect(mig(p, ["heads"]).stdout).toBe("bbbb00000000 (head)\ncccc00000000 (head)\n");
    expect(mig(p, ["branches"]).stdout).toContain("aaaa00000000 (branchpoint)");
    expect(mig(p, ["merge", "heads", "-m", "join", "--rev-id", "dddd00000000"]).code).toBe(0);
    expect(mig(p, ["heads", "--json"]).stdout).toContain('"revision": "dddd00000000"');
    const history = mig(p, ["history", "-r", "bbbb:"]).stdout;
    expect(history).toBe(
      "bbbb00000000, cccc00000000 -> dddd00000000 (head) (mergepoint), join\naaaa00000000 -> bbbb00000000, left\n",
    );
    const show = mig(p, ["show", "dddd"]).stdout;
    expect(show).toContain("Merges: bbbb00000000, cccc00000000");
  });

  test("branch labels, depends-on and a second base", () => {
    const root = tempDir();
    mig(root, ["init", "p"]);
    const p = join(root, "p");
    mig(p, ["revision", "-m", "core", "--rev-id", "aaaa00000000"]);
    const b = mig(p, [
      "revision",
      "-m",
      "billing",
      "--head",
      "base",
      "--branch-label",
      "billing",
      "--rev-id",
      "bbbb00000000",
      "--depends-on",
      "aaaa",
    ]);
    expect(b.code, b.stderr).toBe(0);
    // aaaa is only a dependsOn target of bbbb: Alembic calls it an effective head.
    expect(mig(p, ["heads"]).stdout).toBe(
      "aaaa00000000 (effective head)\nbbbb00000000 (billing) (head)\n",
    );
    expect(
      mig(p, ["revision", "-m", "more", "--head", "billing@head", "--rev-id", "cccc00000000"]).code,
    ).toBe(0);
    expect(mig(p, ["history", "--json"]).stdout).toContain('"dependsOn": [\n      "aaaa00000000"');
    expect(mig(p, ["show", "billing@head"]).stdout).toContain("Rev: cccc00000000 (head)");
  });

  test("init refuses a directory that has a project; --template sql writes SQL scripts", () => {
    const root = tempDir();
    mig(root, ["init", "p"]);
    const again = mig(root, ["init", "p"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(
      "p already has mig.config.ts and migrations; mig init does not overwrite them.",
    );
    mig(root, ["init", "q", "--template", "sql"]);
    const r = mig(join(root, "q"), ["revision", "-m", "raw", "--rev-id", "eeee00000000"]);
    expect(r.stdout).toMatch(/_eeee00000000_raw\.sql/);
    expect(mig(join(root, "q"), ["heads"]).stdout).toBe("eeee00000000 (head)\n");
  });

  test("init works in an npm project (package.json, node_modules) and names what it will not overwrite", () => {
    const root = tempDir();
    writeFileSync(join(root, "package.json"), '{ "name": "app", "private": true }\n');
    mkdirSync(join(root, "node_modules", "x"), { recursive: true });
    const r = mig(root, ["init"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(join(root, "package.json"), "utf8")).toContain('"app"');
    expect(readdirSync(root).sort()).toEqual([
      "mig.config.ts",
      "migrations",
      "node_modules",
      "package.json",
    ]);
    const again = mig(root, ["init"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("this directory already has mig.config.ts and migrations");

    const onlyMigrations = tempDir();
    mkdirSync(join(onlyMigrations, "migrations"));
    const m = mig(onlyMigrations, ["init"]);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain("this directory already has migrations;");
    expect(readdirSync(onlyMigrations)).toEqual(["migrations"]);

    const onlyConfig = tempDir();
    writeFileSync(join(onlyConfig, "mig.config.mjs"), "export default {};\n");
    const c = mig(onlyConfig, ["init"]);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain("this directory already has mig.config.mjs;");
    expect(readdirSync(onlyConfig)).toEqual(["mig.config.mjs"]);
  });
});
