import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { mig, tempDir } from "./run-cli.js";

const pkg = (name: string) => fileURLToPath(new URL(`../../../packages/${name}`, import.meta.url));

test("a mig.config.ts with defineConfig, importing local TypeScript in three spellings, loads", () => {
  const dir = tempDir();
  mkdirSync(join(dir, "node_modules", "@mig"), { recursive: true });
  symlinkSync(pkg("core"), join(dir, "node_modules", "@mig", "core"));
  symlinkSync(pkg("sqlite"), join(dir, "node_modules", "@mig", "sqlite"));
  mkdirSync(join(dir, "config"));
  mkdirSync(join(dir, "db"));
  writeFileSync(join(dir, "config", "paths.ts"), 'export const dir: string = "db";\n');
  writeFileSync(
    join(dir, "config", "index.ts"),
    'import { dir } from "./paths";\nexport const url = (name: string): string => "sqlite:./" + name + ".db";\nexport { dir };\n',
  );
  writeFileSync(
    join(dir, "settings.mts"),
    'import { url, dir } from "./config/index.js";\nexport const settings: { url: string; dir: string } = { url: url("app"), dir };\n',
  );
  writeFileSync(
    join(dir, "mig.config.ts"),
    `import { defineConfig, type MigConfig } from "@mig/core";
import { settings } from "./settings.mjs";
const table: MigConfig["versionTable"] = "app_version";
export default defineConfig({ url: settings.url, scriptLocation: settings.dir, versionTable: table });
`,
  );
  writeFileSync(
    join(dir, "db", "0001_a.ts"),
    `/** a */
import { type Operations, sql } from "@mig/core";
import { dir } from "../config/paths.ts";
export const revision = "aaaa00000001";
export const downRevision = null;
export async function upgrade(op: Operations): Promise<void> {
  op.createTable("from_" + dir, { id: { type: "integer", primaryKey: true }, at: { type: "text", default: sql("CURRENT_TIMESTAMP") } });
}
export async function downgrade(op: Operations): Promise<void> { op.dropTable("from_" + dir); }
`,
  );
  const up = mig(dir, ["up"]);
  expect(up.code, up.stderr).toBe(0);
  expect(mig(dir, ["current"]).stdout).toBe("aaaa00000001 (head)\n");
  const sql = mig(dir, ["up", "--sql", "base:head"]);
  expect(sql.stdout).toMatch(/CREATE TABLE "?from_db"?/);
  expect(sql.stdout).toMatch(/INSERT INTO "?app_version"?/);
});

test("a TypeScript error in mig.config.ts is a config error naming the file", () => {
  const dir = tempDir();
  writeFileSync(
    join(dir, "mig.config.ts"),
    "export default { url: 'sqlite:./a.db', };;; const = 1;\n",
  );
  const r = mig(dir, ["heads"]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("Syntax error in mig.config.ts:1:");
  expect(r.stderr).not.toContain("    at ");
});
