import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Dialect } from "@mig/core";
import { expect, test } from "vitest";
import { existingTables, versionRows } from "./inspect.js";
import type { ConformanceOptions } from "./options.js";
import type { TestProject } from "./project.js";
import { runCli } from "./run-cli.js";

/** Failing `op` calls a script makes without `await`, each followed by one that must not run. */
const FAILING: Readonly<Record<string, string>> = {
  addColumn: `op.addColumn("missing_t", "x", { type: "integer" });`,
  createForeignKey: `op.createForeignKey("fk_x", "missing_t", "r_base", ["id"], ["id"]);`,
  createTable: `op.createTable("r_base", { id: { type: "integer", primaryKey: true } });`,
  batchAlterTable: `op.batchAlterTable("missing_t", (b) => { b.addColumn("x", { type: "integer" }); b.dropColumn("y"); });`,
  execute: `op.execute("THIS IS NOT SQL");`,
  bulkInsert: `op.bulkInsert("missing_t", [{ id: 1 }]);`,
  addColumnWithReference: `op.addColumn("r_base", "ref", { type: "integer", references: "missing_t.id" });`,
};

const BASE = "r00000000001";
const FAILS = "r00000000002";

/** The path of the built `@mig/core` the dialect module uses (for a host-app process). */
function coreModule(dialectModule: string): string {
  const pkg = createRequire(dialectModule).resolve("@mig/core/package.json");
  const { main } = JSON.parse(readFileSync(pkg, "utf8")) as { main: string };
  return pathToFileURL(join(dirname(pkg), main)).href;
}

function script(call: string): string {
  return `export const revision = "${FAILS}";
export const downRevision = "${BASE}";
export async function upgrade(op) {
  ${call}
  op.createTable("after_fail", { id: { type: "integer", primaryKey: true } });
}
export async function downgrade(op) {}
`;
}

/**
 * An application that runs `upgrade()` at start-up, catches its error and keeps serving:
 * once per failing call, each in its own script file (module caches key on the path).
 */
function hostApp(core: string, migrations: string): string {
  const scripts = Object.values(FAILING).map(script);
  return `import { rmSync, writeFileSync } from "node:fs";
import { upgrade } from ${JSON.stringify(core)};
for (const [i, text] of ${JSON.stringify(scripts)}.entries()) {
  const file = ${JSON.stringify(migrations)} + "/0001_case" + i + ".ts";
  writeFileSync(file, text);
  try {
    await upgrade({ cwd: import.meta.dirname });
    console.log(JSON.stringify({ code: "no error" }));
  } catch (e) {
    console.log(JSON.stringify({ code: e.code, message: e.message }));
  }
  rmSync(file);
}
setTimeout(() => console.log("still alive"), 200);
`;
}

/**
 * An un-awaited failing call must surface once, as the migration's error: through the CLI
 * (exit 1, no stack) and through `upgrade()` in an app that catches it and stays up.
 */
export function testUnawaitedFailures(
  options: ConformanceOptions,
  dialect: Dialect,
  make: (scripts: readonly { revision: string; up?: string[] }[]) => Promise<TestProject>,
): void {
  test("un-awaited failing operations fail their migration once and never crash the process", async () => {
    const project = await make([
      { revision: BASE, up: ["CREATE TABLE r_base (id INTEGER PRIMARY KEY)"] },
    ]);
    const file = join(project.migrations, `0001_${FAILS}.ts`);
    for (const [name, call] of Object.entries(FAILING)) {
      writeFileSync(file, script(call));
      const cli = await runCli(options.cli, ["up"], project.dir);
      const what = `${name} via the CLI: ${cli.stderr}`;
      expect(cli.code, what).toBe(1);
      expect(cli.stderr.match(/Error: Upgrade r00000000002 failed/g), what).toHaveLength(1);
      expect(cli.stderr, what).not.toMatch(/\n\s+at /);
      expect(await versionRows(dialect, project), what).toEqual([BASE]);
    }
    rmSync(file);

    const app = join(project.dir, "host-app.mjs");
    writeFileSync(app, hostApp(coreModule(options.dialectModule), project.migrations));
    // A plain Node script: runCli runs any file as `node <file>` in the directory.
    const host = await runCli(app, [], project.dir);
    const from = `via upgrade(): ${host.stdout}${host.stderr}`;
    expect(host.code, from).toBe(0);
    expect(host.stderr, from).toBe("");
    const lines = host.stdout.trim().split("\n");
    expect(lines.pop(), from).toBe("still alive");
    const names = Object.keys(FAILING);
    expect(lines, from).toHaveLength(names.length);
    for (const [i, line] of lines.entries()) {
      const error = JSON.parse(line) as { code: string; message?: string };
      expect(error.code, `${names[i]} ${from}`).toBe("migration_failed");
      expect(error.message, `${names[i]} ${from}`).toContain(FAILS);
    }
    expect(await versionRows(dialect, project), from).toEqual([BASE]);
    expect(await existingTables(dialect, project, ["after_fail"]), from).toEqual([]);
  }, 180_000);
}
