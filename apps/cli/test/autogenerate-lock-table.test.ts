import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import {
  autogenerateProject,
  droppedAfterAll,
  printed,
  SCHEMA_V1,
  TARGETS,
  type TargetDatabase,
  writeConfig,
} from "./autogenerate-project.js";
import { mig } from "./run-cli.js";

// The lock table (`<version table>_lock`, used on Galera and behind PgBouncer) is mig's own,
// like the version table: check, autogenerate and pull never offer to drop or declare it.
const SERVERS = TARGETS.filter((t) => t.name !== "sqlite");
const DIALECTS: Record<string, string> = {
  postgres: "postgres",
  mariadb: "mysql",
};
const dialectModule = (name: string) =>
  fileURLToPath(new URL(`../../../packages/${DIALECTS[name]}/dist/index.js`, import.meta.url));

describe.each(SERVERS)("the lock table on $name", (target) => {
  const databases = droppedAfterAll();

  test("mig up with ?lock=table, then check is clean, autogenerate finds nothing, pull leaves it out", async () => {
    const dir = autogenerateProject("sqlite:./app.db");
    const db = await target.database(dir);
    databases.push(db);
    const url = new URL(db.url);
    url.searchParams.set("lock", "table");
    writeConfig(dir, url.toString(), 'schema: "./schema.ts",');
    await expectLeftOut(dir, db, "mig_version_lock");
  });

  test("a lock table named by the dialect's lockTable option is left out too", async () => {
    const dir = autogenerateProject("sqlite:./app.db");
    const db = await target.database(dir);
    databases.push(db);
    writeFileSync(
      join(dir, "mig.config.ts"),
      `import { defineConfig } from "@mig/core";
import { createDialect } from ${JSON.stringify(dialectModule(target.name))};

export default defineConfig({
  url: ${JSON.stringify(db.url)},
  dialects: [createDialect({ lock: "table", lockTable: "deploy_lock" })],
  schema: "./schema.ts",
});
`,
    );
    await expectLeftOut(dir, db, "deploy_lock");
  });
});

/** After `mig up` took the table lock: the lock table exists, yet check, autogenerate and pull leave it out. */
async function expectLeftOut(dir: string, db: TargetDatabase, lockTable: string): Promise<void> {
  writeFileSync(join(dir, "schema.ts"), SCHEMA_V1);
  expect(mig(dir, ["revision", "--autogenerate", "-m", "first"]).code).toBe(0);
  const up = mig(dir, ["up"]);
  expect(up.code, printed(up)).toBe(0);
  await db.exec([`SELECT COUNT(*) FROM ${lockTable}`]);

  const check = mig(dir, ["check"]);
  expect(check.code, printed(check)).toBe(0);
  expect(check.stdout).toBe("No changes: the database matches the schema.\n");
  const again = mig(dir, ["revision", "--autogenerate", "-m", "nothing"]);
  expect(again.stdout, printed(again)).toBe("No changes: the database matches the schema.\n");
  const pulled = mig(dir, ["pull", "--out", "pulled.ts"]);
  expect(pulled.code, printed(pulled)).toBe(0);
  expect(readFileSync(join(dir, "pulled.ts"), "utf8")).not.toContain(lockTable);
}
