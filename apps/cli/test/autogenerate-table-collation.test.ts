import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import {
  autogenerateProject,
  droppedAfterAll,
  migrationFiles,
  printed,
  TARGETS,
  writeConfig,
} from "./autogenerate-project.js";
import { mig } from "./run-cli.js";

const mariadb = TARGETS.find((x) => x.name === "mariadb")!;
const databases = droppedAfterAll();

const schema = (options: string) => `import { t, table } from "@mig/core";

export const legacy = table(
  "legacy",
  { id: { type: "integer", primaryKey: true }, name: { type: t.varchar(20) } },
  ${options},
);
`;

test("mariadb: a table's collation pulls, checks clean, and a change is reported and left to a person", async () => {
  const dir = autogenerateProject("sqlite:./app.db");
  const db = await mariadb.database(dir);
  databases.push(db);
  writeConfig(dir, db.url, 'schema: "./schema.ts",');
  await db.exec([
    "CREATE TABLE legacy (id int NOT NULL PRIMARY KEY, name varchar(20)) DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci",
  ]);
  const pulled = mig(dir, ["pull", "--out", "schema.ts"]);
  expect(pulled.code, printed(pulled)).toBe(0);
  expect(readFileSync(join(dir, "schema.ts"), "utf8")).toContain('collation: "utf8mb3_general_ci"');
  const clean = mig(dir, ["check"]);
  expect(clean.code, printed(clean)).toBe(0);

  // Declared in the database default: check notices, autogenerate says to do it by hand.
  writeFileSync(join(dir, "schema.ts"), schema("{}"));
  const check = mig(dir, ["check"]);
  expect(check.code, printed(check)).toBe(1);
  expect(check.stdout).toContain("table legacy's collation differs (live utf8mb3_general_ci");
  const gen = mig(dir, ["revision", "--autogenerate", "-m", "collation"]);
  expect(gen.code, printed(gen)).toBe(0);
  const script = readFileSync(join(dir, "migrations", migrationFiles(dir)[0]!), "utf8");
  expect(script).toContain(
    "// table legacy's collation differs (live utf8mb3_general_ci, declared the database default): change it by hand",
  );
  expect(script).toContain("// destructive: converting a table's character set rewrites every row");
});
