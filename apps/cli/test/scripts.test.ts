import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { mig, sqliteProject } from "./run-cli.js";

test("a TypeScript migration may import local TypeScript, await at top level and read import.meta", () => {
  const dir = sqliteProject();
  mkdirSync(join(dir, "lib"));
  writeFileSync(join(dir, "lib", "names.ts"), 'export const table: string = "from_helper";\n');
  writeFileSync(
    join(dir, "migrations", "0001_a.ts"),
    `/** a */
import { table } from "../lib/names.ts";
export const revision = "aaaa00000001";
export const downRevision = null;
enum Suffix { Url = "_url" }
const here: string = await Promise.resolve(new URL(import.meta.url).pathname);
export async function upgrade(op: { execute(sql: string): Promise<void> }): Promise<void> {
  op.execute(\`CREATE TABLE \${table} (id INTEGER)\`);
  op.execute(\`CREATE TABLE t\${Suffix.Url} (path TEXT)\`);
  op.execute("INSERT INTO t_url VALUES (?)", [here] as never);
}
export async function downgrade(op: { execute(sql: string): Promise<void> }) {}
`,
  );
  const up = mig(dir, ["up"]);
  expect(up.code, up.stderr).toBe(0);
  expect(mig(dir, ["current"]).stdout).toBe("aaaa00000001 (head)\n");
  const sql = mig(dir, ["up", "--sql"]);
  expect(sql.stdout).toContain("CREATE TABLE from_helper (id INTEGER)");
  expect(sql.stdout).toContain(
    `INSERT INTO t_url VALUES ('${join(dir, "migrations", "0001_a.ts")}')`,
  );
});
