import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ProjectOptions } from "@mig/core";
import type { ConformanceOptions, TestDatabase } from "./options.js";
import { hookCall, registerHook, type ScriptHook, unregisterHook } from "./script-hooks.js";

export interface ScriptSpec {
  readonly revision: string;
  readonly down?: string | readonly string[];
  readonly labels?: readonly string[];
  readonly dependsOn?: readonly string[];
  /** Statements for upgrade; default creates table t_<revision>. */
  readonly up?: readonly string[];
  readonly downSql?: readonly string[];
  /** Throw after running `up`. */
  readonly fail?: boolean;
  readonly transactional?: boolean;
  readonly format?: "ts" | "sql";
  /**
   * Functions the script's `upgrade(op)`/`downgrade(op)` call instead of running `up`:
   * the test's own code gets the real `op` (in-process runs only, not spawned `mig`).
   */
  readonly hook?: ScriptHook;
}

/** A throwaway mig project on a fresh database: config, scripts, and options to run it. */
export class TestProject {
  readonly dir: string;
  readonly migrations: string;
  readonly db: TestDatabase;
  readonly #options: ConformanceOptions;
  readonly #hooks: string[] = [];

  private constructor(options: ConformanceOptions, db: TestDatabase) {
    this.#options = options;
    this.db = db;
    this.dir = mkdtempSync(join(tmpdir(), `mig-conf-${options.name}-`));
    this.migrations = join(this.dir, "migrations");
    mkdirSync(this.migrations);
    const module = JSON.stringify(pathToFileURL(options.dialectModule).href);
    writeFileSync(
      join(this.dir, "mig.config.mjs"),
      `import { createDialect } from ${module};\nexport default { url: ${JSON.stringify(db.url)}, dialects: [createDialect()] };\n`,
    );
  }

  static async create(
    options: ConformanceOptions,
    scripts: readonly ScriptSpec[] = [],
  ): Promise<TestProject> {
    const project = new TestProject(options, await options.database());
    for (const [i, s] of scripts.entries()) project.write(s, i);
    return project;
  }

  /** Options for the programmatic API, with the dialect passed in directly. */
  get options(): ProjectOptions {
    return { cwd: this.dir, dialects: [this.#options.dialect()] };
  }

  write(spec: ScriptSpec, index: number): void {
    const name = `${String(index).padStart(4, "0")}_${spec.revision}`;
    const up = spec.up ?? [`CREATE TABLE t_${spec.revision} (id INTEGER PRIMARY KEY)`];
    const down = spec.downSql ?? [`DROP TABLE IF EXISTS t_${spec.revision}`];
    const downs =
      spec.down === undefined ? [] : typeof spec.down === "string" ? [spec.down] : spec.down;
    if (spec.format === "sql") {
      writeFileSync(
        join(this.migrations, `${name}.sql`),
        [
          `-- revision: ${spec.revision}`,
          `-- down_revision: ${downs.length ? downs.join(", ") : "none"}`,
          `-- branch_labels: ${(spec.labels ?? []).join(", ")}`,
          `-- depends_on: ${(spec.dependsOn ?? []).join(", ")}`,
          `-- message: script ${spec.revision}`,
          ...(spec.transactional === false ? ["-- transactional: false"] : []),
          "",
          "-- migrate:up",
          ...up.map((s) => `${s};`),
          "",
          "-- migrate:down",
          ...down.map((s) => `${s};`),
          "",
        ].join("\n"),
      );
      return;
    }
    const hookKey = `${this.dir}#${spec.revision}`;
    if (spec.hook) {
      registerHook(hookKey, spec.hook);
      this.#hooks.push(hookKey);
    }
    const body = (stmts: readonly string[], fn: "upgrade" | "downgrade") =>
      spec.hook
        ? hookCall(hookKey, fn)
        : stmts.map((s) => `  await op.execute(${JSON.stringify(s)});`).join("\n");
    writeFileSync(
      join(this.migrations, `${name}.ts`),
      `/** script ${spec.revision} */
export const revision = ${JSON.stringify(spec.revision)};
export const downRevision = ${downs.length === 0 ? "null" : JSON.stringify(downs.length === 1 ? downs[0] : downs)};
export const branchLabels = ${JSON.stringify(spec.labels ?? [])};
export const dependsOn = ${JSON.stringify(spec.dependsOn ?? [])};
${spec.transactional === false ? "export const transactional = false;\n" : ""}
export async function upgrade(op) {
${body(up, "upgrade")}
${spec.fail ? `  throw new Error("boom in ${spec.revision}");` : ""}
}

export async function downgrade(op) {
${body(down, "downgrade")}
}
`,
    );
  }

  async dispose(): Promise<void> {
    for (const key of this.#hooks.splice(0)) unregisterHook(key);
    await this.db.drop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
