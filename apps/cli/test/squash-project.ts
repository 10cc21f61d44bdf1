import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** A run of five TS scripts a1..a5 (a2..a4 is what the tests squash), as `mig revision` writes them. */
export const RUN: ReadonlyArray<readonly [id: string, up: string, down: string]> = [
  [
    "a1",
    'await op.createTable("users", { id: { type: "integer", primaryKey: true }, name: { type: "text" } });',
    'await op.dropTable("users");',
  ],
  [
    "a2",
    'await op.addColumn("users", "email", { type: "text" });\n  await op.createIndex("users_email", "users", ["email"]);',
    'await op.dropIndex("users_email", { table: "users" });\n  await op.dropColumn("users", "email");',
  ],
  [
    "a3",
    "await op.execute(\"INSERT INTO users (id, name, email) VALUES (1, 'ann', 'a@x')\");",
    'await op.execute("DELETE FROM users WHERE id = 1");',
  ],
  [
    "a4",
    'await op.createTable("posts", { id: { type: "integer", primaryKey: true }, user_id: { type: "integer", references: { table: "users", column: "id" } } });',
    'await op.dropTable("posts");',
  ],
  [
    "a5",
    'await op.addColumn("posts", "title", { type: "text" });',
    'await op.dropColumn("posts", "title");',
  ],
];

export function script(
  id: string,
  down: string | null,
  up: string,
  downBody: string,
  extra = "",
): string {
  return `/** step ${id} */
import type { Operations } from "@mig/core";

export const revision = "${id}";
export const downRevision: string | readonly string[] | null = ${down === null ? "null" : `"${down}"`};
export const branchLabels: readonly string[] = [];
export const dependsOn: readonly string[] = [];
${extra}
export async function upgrade(op: Operations): Promise<void> {
  ${up}
}

export async function downgrade(op: Operations): Promise<void> {
  ${downBody}
}
`;
}

export function writeRun(dir: string): void {
  RUN.forEach(([id, up, down], i) => {
    writeFileSync(
      join(dir, "migrations", `${id}_step.ts`),
      script(id, i === 0 ? null : RUN[i - 1]![0], up, down),
    );
  });
}

/** What a user would compare: the version rows, and each table's columns and indexes (not the applied log, whose rows differ by design). */
export function sqliteState(file: string): string {
  const q = (sql: string) => {
    const r = spawnSync("sqlite3", ["-json", file, sql], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
    return r.stdout.trim() === "" ? [] : (JSON.parse(r.stdout) as Record<string, unknown>[]);
  };
  const rows = q("SELECT version_num FROM mig_version ORDER BY version_num");
  const tables = q(
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT IN ('mig_version', 'mig_log') ORDER BY name",
  ).map((r) => String(r.name));
  const schema = tables.map((t) => ({
    table: t,
    columns: q(`SELECT name, type, "notnull", pk FROM pragma_table_info('${t}')`),
    indexes: q(`SELECT name FROM pragma_index_list('${t}') ORDER BY name`),
    data: q(`SELECT count(*) AS n FROM "${t}"`),
  }));
  return JSON.stringify({ rows, schema });
}
