import { readFileSync, rmSync, writeFileSync } from "node:fs";
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

const target = (name: string) => TARGETS.find((x) => x.name === name)!;
const databases = droppedAfterAll();

test("postgres: NULLS LAST, NULLS NOT DISTINCT and DEFERRABLE pull, check clean, and a change is found and migrated", async () => {
  const dir = autogenerateProject("sqlite:./app.db");
  const db = await target("postgres").database(dir);
  databases.push(db);
  writeConfig(dir, db.url, 'schema: "./schema.ts",');
  await db.exec([
    "CREATE TABLE parent (id int PRIMARY KEY)",
    `CREATE TABLE child (id int PRIMARY KEY, a int, b int,
       p int REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED,
       CONSTRAINT child_b_key UNIQUE NULLS NOT DISTINCT (b))`,
    "CREATE INDEX child_a ON child (a DESC NULLS LAST)",
    "CREATE UNIQUE INDEX child_ab ON child (a, b) NULLS NOT DISTINCT",
  ]);
  const pulled = mig(dir, ["pull", "--out", "schema.ts"]);
  expect(pulled.code, printed(pulled)).toBe(0);
  const module = readFileSync(join(dir, "schema.ts"), "utf8");
  expect(module).toContain('columns: [{ column: "a", descending: true, nulls: "last" }]');
  expect(module).toContain('deferrable: "deferred"');
  expect(module.match(/nullsNotDistinct: true/g)).toHaveLength(2);
  const clean = mig(dir, ["check"]);
  expect(clean.code, printed(clean)).toBe(0);

  // Each detail back to PostgreSQL's default: three differences.
  writeFileSync(
    join(dir, "schema.ts"),
    module
      .replace(', nulls: "last"', "")
      .replace(/,\s*deferrable: "deferred"/, "")
      .replace(/,\s*nullsNotDistinct: true/g, ""),
  );
  const check = mig(dir, ["check"]);
  expect(check.code, printed(check)).toBe(1);
  expect(check.stdout).toContain("re-create index child_a on child (its definition changes)");
  expect(check.stdout).toContain("re-create index child_ab on child (its definition changes)");
  expect(check.stdout).toContain("re-create unique (b) on child (now NULLS DISTINCT)");
  expect(check.stdout).toContain(
    "re-create foreign key (p) → parent (id) on child (now NOT DEFERRABLE)",
  );
  const gen = mig(dir, ["revision", "--autogenerate", "-m", "defaults"]);
  expect(gen.code, printed(gen)).toBe(0);
  const up = mig(dir, ["up"]);
  expect(up.code, printed(up)).toBe(0);
  const after = mig(dir, ["check"]);
  expect(after.code, printed(after)).toBe(0);
  // The downgrade puts every detail back: the pulled module checks clean again.
  const down = mig(dir, ["down", "base"]);
  expect(down.code, printed(down)).toBe(0);
  rmSync(join(dir, "migrations", migrationFiles(dir)[0]!));
  writeFileSync(join(dir, "schema.ts"), module);
  const again = mig(dir, ["check"]);
  expect(again.code, printed(again)).toBe(0);
});

const declaring = (options: string) => `import { table } from "@mig/core";

export const parent = table("parent", { id: { type: "integer", primaryKey: true } });
export const child = table(
  "child",
  { id: { type: "integer", primaryKey: true }, a: { type: "integer" } },
  ${options},
);
`;

const details = [
  [
    '{ indexes: [{ name: "child_a", columns: [{ column: "a", nulls: "first" }] }] }',
    'index "child_a" uses NULLS FIRST',
  ],
  [
    '{ indexes: [{ name: "child_a", columns: ["a"], unique: true, nullsNotDistinct: true }] }',
    'index "child_a" uses NULLS NOT DISTINCT',
  ],
  [
    '{ uniques: [{ columns: ["a"], nullsNotDistinct: true }] }',
    "unique (a) uses NULLS NOT DISTINCT",
  ],
  [
    '{ foreignKeys: [{ name: "child_p", columns: ["a"], references: "parent", referencedColumns: ["id"], deferrable: "deferred" }] }',
    'foreign key "child_p" uses DEFERRABLE',
  ],
] as const;

for (const [name, database] of [
  ["sqlite", "SQLite"],
  ["mariadb", "MySQL/MariaDB"],
] as const) {
  test(`${name}: a detail it cannot make is refused, naming the table and the database`, async () => {
    const dir = autogenerateProject("sqlite:./app.db");
    const db = await target(name).database(dir);
    databases.push(db);
    writeConfig(dir, db.url, 'schema: "./schema.ts",');
    for (const [options, what] of details) {
      // SQLite has DEFERRABLE INITIALLY DEFERRED foreign keys: only MySQL refuses them.
      if (name === "sqlite" && what.includes("DEFERRABLE")) continue;
      writeFileSync(join(dir, "schema.ts"), declaring(options));
      for (const args of [["check"], ["revision", "--autogenerate", "-m", "x"]]) {
        const r = mig(dir, args);
        expect(r.code, printed(r)).not.toBe(0);
        expect(r.stderr).toContain(`Table child: ${what}, which ${database} does not have.`);
      }
      expect(migrationFiles(dir)).toEqual([]);
    }
  });
}
