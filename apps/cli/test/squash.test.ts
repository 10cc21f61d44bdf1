import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { autogenerateProject } from "./autogenerate-project.js";
import { mig } from "./run-cli.js";
import { RUN, script, sqliteState, writeRun } from "./squash-project.js";

const TSC = fileURLToPath(new URL("../../../node_modules/typescript/bin/tsc", import.meta.url));

const files = (dir: string, sub = "migrations") =>
  readdirSync(join(dir, sub))
    .filter((f) => !f.startsWith("."))
    .sort();

function project(): string {
  const dir = autogenerateProject("sqlite:./app.db", "");
  writeRun(dir);
  return dir;
}

function ok(dir: string, args: string[]): string {
  const r = mig(dir, args);
  expect(r.stderr + r.stdout, args.join(" ")).toBeTruthy();
  expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

describe("mig squash", () => {
  it("replaces a2..a4 with one script; databases before, inside, at and after the run reach head and base as without it", () => {
    const positions = ["base", "a1", "a2", "a3", "a4", "a5"];
    // The states a database passes through without the squash.
    const plain = project();
    const expected = new Map<string, { head: string; base: string }>();
    for (const at of positions) {
      const db = `${at}.db`;
      const url = `sqlite:./${db}`;
      if (at !== "base") ok(plain, ["up", at, "--url", url]);
      ok(plain, ["up", "--url", url]);
      const head = sqliteState(join(plain, db));
      ok(plain, ["down", "base", "--url", url]);
      expected.set(at, { head, base: sqliteState(join(plain, db)) });
    }

    const dir = project();
    for (const at of positions) {
      if (at !== "base") ok(dir, ["up", at, "--url", `sqlite:./${at}.db`]);
    }
    const out = ok(dir, ["squash", "a2:a4", "-m", "users and posts", "--rev-id", "s1"]);
    expect(out).toContain("Replaced 3 revisions (a2, a3, a4)");
    const made = files(dir).find((f) => f.endsWith("_s1_users_and_posts.ts"))!;
    expect(files(dir)).toEqual([made, "a1_step.ts", "a5_step.ts", "squashed"]);
    expect(files(dir, "migrations/squashed")).toEqual(["a2_step.ts", "a3_step.ts", "a4_step.ts"]);
    const text = readFileSync(join(dir, "migrations", made), "utf8");
    expect(text).toContain('export const downRevision: string | readonly string[] | null = "a1";');
    expect(text).toContain('export const replaces: readonly string[] = ["a2", "a3", "a4"];');
    expect(text).toContain("INSERT INTO users");
    // Only the id in a5's downRevision changed.
    const a5 = script("a5", "a4", RUN[4]![1], RUN[4]![2]).replace('= "a4";', '= "s1";');
    expect(readFileSync(join(dir, "migrations", "a5_step.ts"), "utf8")).toBe(a5);
    expect(ok(dir, ["history"])).toContain("s1");
    expect(ok(dir, ["show", "s1"])).toMatch(/[Rr]eplaces:? *a2, a3, a4/);

    for (const at of positions) {
      const db = `${at}.db`;
      const url = `sqlite:./${db}`;
      ok(dir, ["up", "--url", url]);
      expect(sqliteState(join(dir, db)), `${at}: up`).toBe(expected.get(at)!.head);
      ok(dir, ["down", "base", "--url", url]);
      expect(sqliteState(join(dir, db)), `${at}: down base`).toBe(expected.get(at)!.base);
      // And up again from base through the squashed script.
      ok(dir, ["up", "--url", url]);
      expect(sqliteState(join(dir, db)), `${at}: up again`).toBe(expected.get(at)!.head);
    }
    // About 50 runs of the CLI: minutes on a loaded machine.
  }, 600_000);

  it("the generated script type-checks under tsc --init's strict settings", () => {
    const dir = project();
    patch(dir, "a5", '{ type: "text" }', "{ type: t.varchar(80) }");
    patch(
      dir,
      "a5",
      'import type { Operations } from "@mig/core";',
      'import { type Operations, t } from "@mig/core";',
    );
    ok(dir, ["squash", "a1:a5", "-m", "all", "--rev-id", "s1"]);
    const made = files(dir).find((f) => f.endsWith("_s1_all.ts"))!;
    expect(readFileSync(join(dir, "migrations", made), "utf8")).toContain(
      'import { type Operations, t } from "@mig/core";',
    );
    writeFileSync(join(dir, "package.json"), '{ "type": "module", "private": true }\n');
    const compilerOptions = {
      module: "nodenext",
      target: "esnext",
      types: [],
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      verbatimModuleSyntax: true,
      skipLibCheck: true,
      noEmit: true,
    };
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({ compilerOptions, files: [`migrations/${made}`] }),
    );
    const r = spawnSync(process.execPath, [TSC, "-p", ".", "--pretty", "false"], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
    ok(dir, ["up"]);
  });

  it("current shows the squashed revision for a database at the run's last id", () => {
    const dir = project();
    ok(dir, ["up", "a4"]);
    ok(dir, ["squash", "a2:a4", "-m", "s", "--rev-id", "s1"]);
    expect(ok(dir, ["current"])).toContain("s1");
    expect(ok(dir, ["status"])).toMatch(/Current: s1\n[\s\S]*Pending \(1\):\n {2}a5 /);
  });

  it("status of a database inside the run lists the old scripts up will still run", () => {
    const dir = project();
    ok(dir, ["up", "a3"]);
    ok(dir, ["squash", "a2:a4", "-m", "s", "--rev-id", "s1"]);
    expect(ok(dir, ["current"])).toContain("s1");
    expect(ok(dir, ["status"])).toMatch(
      /Current: s1\n[\s\S]*Pending \(2\):\n {2}a4 [^\n]*\n {2}a5 /,
    );
  });

  it("targets: a replaced id still works for a database inside the run; a typo is refused before connecting", () => {
    const dir = project();
    ok(dir, ["up", "a2"]);
    ok(dir, ["squash", "a2:a4", "-m", "s", "--rev-id", "s1"]);
    // a3 is only in squashed/: the run resolves it on the graph from before the squash.
    ok(dir, ["up", "a3"]);
    expect(sqliteState(join(dir, "app.db"))).toContain('"version_num":"a3"');
    // Not an id a squash replaced, nor a branch: refused at once, with nothing opened.
    for (const args of [
      ["stamp", "typo@base"],
      ["stamp", "zz99"],
      ["down", "typo@base"],
    ]) {
      const r = mig(dir, [...args, "--url", "sqlite:./never.db"]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(
        /Error: No such (branch: 'typo'|revision or branch 'zz99')\./,
      );
      expect(files(dir, "."), args.join(" ")).not.toContain("never.db");
    }
  });

  it("stamp --purge to a target that does not resolve after the purge leaves the table as it was", () => {
    const dir = project();
    ok(dir, ["up", "a3"]);
    ok(dir, ["squash", "a2:a4", "-m", "s", "--rev-id", "s1"]);
    // a2 resolves only for a database inside the run; the purge leaves none.
    const r = mig(dir, ["stamp", "--purge", "a2"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("No such revision or branch 'a2'");
    // The rows were wiped before the target was checked.
    expect(sqliteState(join(dir, "app.db"))).toContain('"version_num":"a3"');
    const relative = mig(dir, ["stamp", "--purge", "--", "+1"]);
    expect(relative.code).toBe(2);
    expect(relative.stderr).toContain(
      "stamp --purge takes revisions, not the relative step '+1': the purge empties the rows it would count from.",
    );
    expect(sqliteState(join(dir, "app.db"))).toContain('"version_num":"a3"');
  });

  it("a database inside the run with squashed/ deleted is told how to fix it, and left as it was", () => {
    const dir = project();
    ok(dir, ["up", "a3"]);
    ok(dir, ["squash", "a2:a4", "-m", "s", "--rev-id", "s1"]);
    rmSync(join(dir, "migrations", "squashed"), { recursive: true });
    const r = mig(dir, ["up"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("The database is at a3, which s1");
    expect(r.stderr).toContain("Restore the squashed/ folder");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(sqliteState(join(dir, "app.db"))).toContain('"version_num":"a3"');
  });

  it("a failure half way through writing undoes what was done: the scripts are as before", () => {
    const dir = project();
    // a3 cannot be moved into squashed/ (a file of that name is there), after a2 was.
    mkdirSync(join(dir, "migrations", "squashed"));
    writeFileSync(join(dir, "migrations", "squashed", "a3_step.ts"), "// someone else's\n");
    const before = snapshot(dir);
    const r = mig(dir, ["squash", "a2:a4", "-m", "x", "--rev-id", "s1"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("squashed/a3_step.ts already exists");
    expect(snapshot(dir)).toEqual(before);
    expect(readdirSync(join(dir, "migrations", "squashed"))).toEqual(["a3_step.ts"]);
    ok(dir, ["up"]);
  });

  const refusals: ReadonlyArray<
    readonly [
      name: string,
      setup: (dir: string) => void,
      range: string,
      message: RegExp,
      code?: number,
    ]
  > = [
    [
      "a branch point inside",
      (dir) => write(dir, "b1", "a2", "", ""),
      "a2:a4",
      /a2 is a branch point \(children a3, b1\)/,
    ],
    [
      "a merge inside",
      (dir) => {
        write(dir, "b1", "a1", "", "");
        const path = join(dir, "migrations", "a3_step.ts");
        writeFileSync(path, readFileSync(path, "utf8").replace('= "a2";', '= ["a2", "b1"];'));
      },
      "a2:a4",
      /a3 is a merge point/,
    ],
    [
      "a branch label",
      (dir) => relabel(dir, "a3", 'export const branchLabels: readonly string[] = ["feature"];'),
      "a2:a4",
      /a3 declares the branch label feature/,
    ],
    [
      "dependsOn inside",
      (dir) => relabel(dir, "a3", 'export const dependsOn: readonly string[] = ["a1"];'),
      "a2:a4",
      /a3 depends on a1/,
    ],
    [
      "dependsOn pointing into the run",
      (dir) => relabel(dir, "a5", 'export const dependsOn: readonly string[] = ["a3"];'),
      "a2:a4",
      /a5 depends on a3 \(dependsOn\)/,
    ],
    ["a range that is not an ancestor chain", () => {}, "a4:a2", /not a linear run/, 2],
    [
      "a script that reads the database",
      (dir) =>
        patch(
          dir,
          "a3",
          "await op.execute(",
          'const rows = await op.query("SELECT 1");\n  await op.execute(',
        ),
      "a2:a4",
      /a3_step\.ts's upgrade\(\) reads the database \(op\.query\)/,
    ],
    [
      "a script that branches on the dialect",
      (dir) =>
        patch(
          dir,
          "a3",
          "await op.execute(",
          'if (op.dialectName === "x") return;\n  await op.execute(',
        ),
      "a2:a4",
      /a3_step\.ts's upgrade\(\) branches on the database/,
    ],
    [
      "a script importing a module next to it",
      (dir) => {
        writeFileSync(join(dir, "helpers.mjs"), "export const sql = 'SELECT 1';\n");
        patch(
          dir,
          "a3",
          "export const revision",
          'import { sql } from "../helpers.mjs";\n\nexport const revision',
        );
      },
      "a2:a4",
      /a3_step\.ts imports \.\.\/helpers\.mjs, which it would not find once kept in squashed\//,
    ],
    [
      "a transactional = false script",
      (dir) => relabel(dir, "a3", "export const transactional = false;"),
      "a2:a4",
      /a3_step\.ts sets transactional = false/,
    ],
  ];

  for (const [name, setup, range, message, code = 1] of refusals) {
    it(`refuses ${name}, writing nothing`, () => {
      const dir = project();
      setup(dir);
      const before = snapshot(dir);
      const r = mig(dir, ["squash", range, "-m", "x", "--rev-id", "s1"]);
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(code);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(snapshot(dir)).toEqual(before);
    });
  }
});

function write(dir: string, id: string, down: string, up: string, downBody: string): void {
  writeFileSync(join(dir, "migrations", `${id}_step.ts`), script(id, down, up, downBody));
}

function patch(dir: string, id: string, from: string, to: string): void {
  const path = join(dir, "migrations", `${id}_step.ts`);
  writeFileSync(path, readFileSync(path, "utf8").replace(from, to));
}

/** Replaces the script's branchLabels or dependsOn line, or adds a line before upgrade(). */
function relabel(dir: string, id: string, line: string): void {
  const name = line.split(/[ :=]/)[2]!;
  const path = join(dir, "migrations", `${id}_step.ts`);
  const text = readFileSync(path, "utf8");
  const re = new RegExp(`^export const ${name}\\b.*$`, "m");
  writeFileSync(
    path,
    re.test(text)
      ? text.replace(re, line)
      : text.replace("\nexport async function upgrade", `${line}\n\nexport async function upgrade`),
  );
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(join(dir, "migrations"))) {
    const path = join(dir, "migrations", f);
    out[f] = existsSync(path) && f.endsWith(".ts") ? readFileSync(path, "utf8") : "dir";
  }
  return out;
}
