import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readLog, upgrade } from "@mig/core";
import { type ConformanceOptions, runCli, TestProject } from "@mig/dialect-tests";
import { afterEach, describe, expect, test } from "vitest";
import { createDialect } from "../src/index.js";
import { connect, createTestDatabase } from "./helpers.js";

const options: ConformanceOptions = {
  name: "mysql-resume",
  dialect: createDialect,
  dialectModule: fileURLToPath(new URL("../dist/index.js", import.meta.url)),
  cli: fileURLToPath(new URL("../../../apps/cli/bin/mig.js", import.meta.url)),
  database: () => createTestDatabase("resume"),
};

const FIRST = "r00000000001";
const HALF = "r00000000002";
const projects: TestProject[] = [];
afterEach(async () => {
  await Promise.all(projects.splice(0).map((p) => p.dispose()));
});

/** Rows of a table as `id:code` strings, read with plain SQL. */
async function rows(p: TestProject, sql: string): Promise<string[]> {
  const source = await connect(p.db.url, { poolSize: 1 });
  try {
    const c = await source.acquire();
    try {
      return (await c.query(sql)).map((r) => Object.values(r).map(String).join(":"));
    } finally {
      await c.release();
    }
  } finally {
    await source.close();
  }
}

/** A script of `op` calls, one of which compiles to two statements (addColumn + unique). */
function writeOpScript(p: TestProject, fifth: string): void {
  writeFileSync(
    join(p.migrations, `0001_${HALF}.ts`),
    `export const revision = "${HALF}";
export const downRevision = "${FIRST}";
export async function upgrade(op) {
  await op.execute("CREATE TABLE rs_p (id INTEGER PRIMARY KEY)");
  await op.addColumn("rs_p", "code", { type: { kind: "varchar", length: 10 }, unique: "rs_p_code_key" });
  op.execute("INSERT INTO rs_p (id, code) VALUES (1, 'a')");
  await op.execute(${JSON.stringify(fifth)});
  await op.execute("INSERT INTO rs_p (id, code) VALUES (3, 'c')");
}
export async function downgrade(op) {
  await op.execute("DROP TABLE rs_p");
}
`,
  );
}

describe("MySQL/MariaDB: half-applied migrations and up --resume", () => {
  test("an op that compiles to two statements counts two; a resume that fails again keeps the point", async () => {
    const p = await TestProject.create(options, [{ revision: FIRST }]);
    projects.push(p);
    writeOpScript(p, "INSERT INTO rs_missing (id) VALUES (2)");
    await expect(upgrade(p.options)).rejects.toMatchObject({ code: "migration_failed" });
    const [failed] = await readLog({ ...p.options, limit: 1 });
    // CREATE TABLE, ADD COLUMN, ADD CONSTRAINT UNIQUE, INSERT.
    expect(failed).toMatchObject({ revision: HALF, success: false, statementsDone: 4 });
    expect(await rows(p, "SELECT id, code FROM rs_p")).toEqual(["1:a"]);

    // Resumed but still broken: the statement fails again, rolled back with the step's
    // transaction (no DDL ran), and the log still says 4 stayed, with the same checksum.
    await expect(upgrade({ ...p.options, resume: true })).rejects.toMatchObject({
      code: "migration_failed",
    });
    const [again] = await readLog({ ...p.options, limit: 1 });
    expect(again).toMatchObject({
      success: false,
      statementsDone: 4,
      statementsChecksum: failed!.statementsChecksum,
      resumedFrom: 4,
    });

    writeOpScript(p, "INSERT INTO rs_p (id, code) VALUES (2, 'b')");
    await upgrade({ ...p.options, resume: true });
    expect(await rows(p, "SELECT id, code FROM rs_p ORDER BY id")).toEqual(["1:a", "2:b", "3:c"]);
    expect(await rows(p, "SELECT version_num FROM mig_version")).toEqual([HALF]);
    const [last] = await readLog({ ...p.options, limit: 1 });
    expect(last).toMatchObject({ success: true, statementsDone: 6, resumedFrom: 4 });
  });

  test("a failure before any DDL is rolled back: nothing half applied, plain up runs it all", async () => {
    const p = await TestProject.create(options, [
      { revision: FIRST, up: ["CREATE TABLE rs_d (id INTEGER PRIMARY KEY)"] },
      {
        revision: HALF,
        down: FIRST,
        up: [
          "INSERT INTO rs_d (id) VALUES (1)",
          "INSERT INTO rs_d (id) VALUES (2)",
          "INSERT INTO rs_missing (id) VALUES (3)",
        ],
      },
    ]);
    projects.push(p);
    await expect(upgrade(p.options)).rejects.toMatchObject({ code: "migration_failed" });
    const [failed] = await readLog({ ...p.options, limit: 1 });
    expect(failed).toMatchObject({ statementsDone: 2, statementsChecksum: null });
    expect(await rows(p, "SELECT id FROM rs_d")).toEqual([]);
    p.write(
      {
        revision: HALF,
        down: FIRST,
        up: [
          "INSERT INTO rs_d (id) VALUES (1)",
          "INSERT INTO rs_d (id) VALUES (2)",
          "INSERT INTO rs_d (id) VALUES (3)",
        ],
      },
      1,
    );
    await upgrade(p.options);
    expect(await rows(p, "SELECT id FROM rs_d ORDER BY id")).toEqual(["1", "2", "3"]);
  });

  test("the mig command: refused with the hint, refused when statement 2 changed, resumed", async () => {
    const broken = [
      "CREATE TABLE rs_c (id INTEGER PRIMARY KEY)",
      "INSERT INTO rs_c (id) VALUES (1)",
      "INSERT INTO rs_missing (id) VALUES (2)",
      "CREATE TABLE rs_c2 (id INTEGER PRIMARY KEY)",
      "INSERT INTO rs_c2 (id) VALUES (5)",
    ];
    const p = await TestProject.create(options, [
      { revision: FIRST },
      { revision: HALF, down: FIRST, up: broken },
    ]);
    projects.push(p);
    const mig = (...args: string[]) => runCli(options.cli, args, p.dir);
    expect((await mig("up")).code).toBe(1);
    const fixed = broken.map((s, i) => (i === 2 ? "INSERT INTO rs_c (id) VALUES (2)" : s));
    p.write({ revision: HALF, down: FIRST, up: fixed }, 1);

    const plain = await mig("up");
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain(
      `Migration ${HALF} failed part way: its first 2 statements stayed applied`,
    );
    expect(plain.stderr).toContain("mig up --resume");
    expect(plain.stderr).not.toMatch(/\n\s+at /);

    const second = fixed.map((s, i) => (i === 1 ? "INSERT INTO rs_c (id) VALUES (7)" : s));
    p.write({ revision: HALF, down: FIRST, up: second }, 1);
    const refused = await mig("up", "--resume");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `Cannot resume ${HALF}: the script's first 2 statements changed since they were applied`,
    );
    expect(await rows(p, "SELECT id FROM rs_c")).toEqual(["1"]);

    p.write({ revision: HALF, down: FIRST, up: fixed }, 1);
    const resumed = await mig("up", "--resume");
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr + resumed.stdout).toContain(`Resuming ${HALF}: statements 1-2`);
    expect(await rows(p, "SELECT id FROM rs_c ORDER BY id")).toEqual(["1", "2"]);
    expect(await rows(p, "SELECT id FROM rs_c2")).toEqual(["5"]);
    expect(await rows(p, "SELECT version_num FROM mig_version")).toEqual([HALF]);
  });
});
