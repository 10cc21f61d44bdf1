import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { downgrade, isMigError, type RunResult, stamp, upgrade } from "@mig/core";
import { describe, expect, test } from "vitest";
import { code, linear, short } from "./conformance-helpers.js";
import { describeAppliedLog } from "./describe-applied-log.js";
import { describeAutogenerate } from "./describe-autogenerate.js";
import { describeInterrupts } from "./describe-interrupts.js";
import { testLock } from "./describe-lock.js";
import { describeLogAhead } from "./describe-log-ahead.js";
import { describeLogging } from "./describe-logging.js";
import { describeOperations } from "./describe-operations.js";
import { describeResume } from "./describe-resume.js";
import { testSquash } from "./describe-squash.js";
import { testUnawaitedFailures } from "./describe-unawaited.js";
import { describeVersionChange } from "./describe-version-change.js";
import { GRAPH, SCENARIO } from "./graph-scenario.js";
import { existingTables, versionRows, withConnection } from "./inspect.js";
import type { ConformanceOptions } from "./options.js";
import type { ScriptSpec } from "./project.js";
import { runCli } from "./run-cli.js";
import { testProjects } from "./test-projects.js";

/** Defines the conformance tests for one dialect, inside the caller's vitest file. */
export function describeDialect(options: ConformanceOptions): void {
  const dialect = options.dialect();

  describe(`${options.name} dialect conformance`, () => {
    const make = testProjects(options);

    test("graph run: branches, merges, labels and dependsOn leave Alembic's version rows", async () => {
      const project = await make(GRAPH);
      const tables = new Set<string>();
      for (const step of SCENARIO) {
        const run =
          step.cmd === "upgrade"
            ? upgrade({ ...project.options, target: step.target })
            : step.cmd === "downgrade"
              ? downgrade({ ...project.options, target: step.target })
              : stamp({ ...project.options, revisions: [step.target] });
        if (step.error) {
          expect(await code(run), `${step.cmd} ${step.target}`).toBe(step.error);
        } else {
          const result: RunResult = await run;
          const applied = result.steps
            .filter((s) => s.kind === "revision")
            .map((s) => `${s.revision.slice(0, 4)}${s.direction}`);
          expect(applied, `${step.cmd} ${step.target}`).toEqual(step.applied);
        }
        for (const a of step.applied) {
          const table = `t_${GRAPH.find((g) => g.revision.startsWith(a.slice(0, 4)))!.revision}`;
          if (a.endsWith("up")) tables.add(table);
          else tables.delete(table);
        }
        expect(
          short(await versionRows(dialect, project)),
          `rows after ${step.cmd} ${step.target}`,
        ).toEqual(step.rows);
        const all = GRAPH.map((g) => `t_${g.revision}`);
        expect(
          await existingTables(dialect, project, all),
          `tables after ${step.cmd} ${step.target}`,
        ).toEqual([...tables].sort());
      }
    });

    test("a migration that fails at step 3 of 5 leaves the database at step 2", async () => {
      const scripts = linear(5, (i) => (i === 2 ? { fail: true } : {}));
      const project = await make(scripts);
      const error = await upgrade(project.options).catch((e: unknown) => e);
      expect(isMigError(error) && error.code).toBe("migration_failed");
      expect((error as Error).message).toContain(scripts[2]!.revision);
      expect(await versionRows(dialect, project)).toEqual([scripts[1]!.revision]);
      const names = scripts.map((s) => `t_${s.revision}`);
      const expected = dialect.capabilities.transactionalDDL
        ? names.slice(0, 2)
        : names.slice(0, 3);
      expect(await existingTables(dialect, project, names)).toEqual(expected);
      // Fix the script (make it re-runnable where DDL is not transactional) and run again.
      project.write(
        {
          ...scripts[2]!,
          fail: false,
          up: [
            `CREATE TABLE ${dialect.capabilities.transactionalDDL ? "" : "IF NOT EXISTS "}t_${scripts[2]!.revision} (id INTEGER PRIMARY KEY)`,
          ],
        },
        2,
      );
      // Where statements stayed applied, the re-runnable script runs from its start.
      const rerun = await upgrade({ ...project.options, restart: true });
      expect(rerun.steps.map((s) => s.revision)).toEqual(scripts.slice(2).map((s) => s.revision));
      expect(await versionRows(dialect, project)).toEqual([scripts[4]!.revision]);
    });

    test("a failing statement is named, with what of the migration stayed applied", async () => {
      const scripts = linear(2, (i) =>
        i === 1
          ? { up: ["CREATE TABLE kept_one (id INTEGER PRIMARY KEY)", "CREATE TABLE broken ("] }
          : {},
      );
      const project = await make(scripts);
      const error = (await upgrade(project.options).catch((e: unknown) => e)) as Error & {
        hint?: string;
      };
      expect(isMigError(error) && error.code).toBe("migration_failed");
      expect(error.message).toContain("CREATE TABLE broken (");
      expect(await versionRows(dialect, project)).toEqual([scripts[0]!.revision]);
      const kept = await existingTables(dialect, project, ["kept_one"]);
      if (dialect.capabilities.transactionalDDL) {
        expect(kept).toEqual([]);
      } else {
        expect(kept).toEqual(["kept_one"]);
        expect(error.hint).toContain("CREATE TABLE kept_one");
      }
    });

    test("transactional = false migrations run outside a transaction, version update after", async () => {
      const scripts = linear(3, (i) =>
        i === 1 ? { transactional: false } : i === 2 ? { transactional: false, format: "sql" } : {},
      );
      const project = await make(scripts);
      const result = await upgrade(project.options);
      expect(result.steps).toHaveLength(3);
      expect(await versionRows(dialect, project)).toEqual([scripts[2]!.revision]);
      await downgrade({ ...project.options, target: "base" });
      expect(await versionRows(dialect, project)).toEqual([]);
    });

    test("up at head is a no-op; down -1, stamp --purge and current work", async () => {
      const scripts = linear(3);
      const project = await make(scripts);
      await upgrade(project.options);
      expect((await upgrade(project.options)).steps).toHaveLength(0);
      await downgrade({ ...project.options, target: "-1" });
      expect(await versionRows(dialect, project)).toEqual([scripts[1]!.revision]);
      await stamp({ ...project.options, revisions: [scripts[0]!.revision], purge: true });
      expect(await versionRows(dialect, project)).toEqual([scripts[0]!.revision]);
    });

    test("offline SQL, run against an empty database, gives the online schema and rows", async () => {
      const scripts: ScriptSpec[] = [
        ...GRAPH.slice(0, 5),
        {
          revision: "f0f0f0f0f0f0",
          down: "e5e5e5e5e5e5",
          up: [
            "CREATE TABLE t_f0f0f0f0f0f0 (id INTEGER PRIMARY KEY, note VARCHAR(40))",
            "INSERT INTO t_f0f0f0f0f0f0 (id, note) VALUES (1, 'it''s offline')",
          ],
          format: "sql",
        },
      ];
      const online = await make(scripts);
      const offline = await make(scripts);
      await upgrade(online.options);
      const { sql } = await upgrade({ ...offline.options, sql: true });
      expect(sql).toContain("mig_version");
      await withConnection(dialect, offline, (c) => c.execute(sql!));
      const names = scripts.map((s) => `t_${s.revision}`);
      expect(await existingTables(dialect, offline, names)).toEqual(
        await existingTables(dialect, online, names),
      );
      expect(await versionRows(dialect, offline)).toEqual(await versionRows(dialect, online));
      const note = await withConnection(dialect, offline, (c) =>
        c.query<{ note: string }>("SELECT note FROM t_f0f0f0f0f0f0"),
      );
      expect(note.map((r) => r.note)).toEqual(["it's offline"]);
      // A downgrade range renders too, and undoes what the upgrade made.
      const down = await downgrade({ ...offline.options, sql: true, target: "head:base" });
      await withConnection(dialect, offline, (c) => c.execute(down.sql!));
      expect(await existingTables(dialect, offline, names)).toEqual([]);
      expect(await versionRows(dialect, offline)).toEqual([]);
    });

    test("op.query returns rows for a data migration; with --sql it is refused", async () => {
      const seed = linear(1, () => ({
        up: ["CREATE TABLE kv (k VARCHAR(10), v INTEGER)", "INSERT INTO kv (k, v) VALUES ('a', 1)"],
        downSql: ["DROP TABLE kv"],
      }));
      const dataMigration = `/** copy rows */
export const revision = "r00000000002";
export const downRevision = "r00000000001";
export async function upgrade(op) {
  for (const row of await op.query("SELECT k, v FROM kv")) {
    await op.execute("INSERT INTO kv (k, v) VALUES ('copy', " + (Number(row.v) + 1) + ")");
  }
}
export async function downgrade(op) {
  await op.execute("DELETE FROM kv WHERE k = 'copy'");
}
`;
      const project = await make(seed);
      writeFileSync(join(project.migrations, "0001_r00000000002.ts"), dataMigration);
      await upgrade(project.options);
      const rows = await withConnection(dialect, project, (c) =>
        c.query<{ k: string; v: unknown }>("SELECT k, v FROM kv ORDER BY k"),
      );
      expect(rows.map((r) => `${r.k}=${Number(r.v)}`)).toEqual(["a=1", "copy=2"]);
      const offline = await upgrade({ ...project.options, sql: true }).catch((e: unknown) => e);
      expect(isMigError(offline) && offline.code).toBe("migration_failed");
      expect((offline as Error).message).toContain("op.query() needs a live database");
    });

    test("a migration with a syntax error is a plain error naming the file", async () => {
      const project = await make(linear(1));
      writeFileSync(
        join(project.migrations, "0001_r00000000002.ts"),
        'export const revision = "r00000000002";\nexport const downRevision = "r00000000001";\nexport async function upgrade(op) { op.execute( }\nexport async function downgrade(op) {}\n',
      );
      const run = await runCli(options.cli, ["up"], project.dir);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("0001_r00000000002.ts");
      expect(run.stderr).not.toMatch(/\n\s+at /);
      // Every script of the run loads before its first step: nothing ran.
      expect(await versionRows(dialect, project)).toEqual([]);
    });

    testLock(options, dialect, make);
    if (options.operations !== false) testUnawaitedFailures(options, dialect, make);
    describeInterrupts(options);
    if (options.operations !== false) describeOperations(options);
    describeLogging(options);
    describeVersionChange(options);
    testSquash(dialect, make);
    describeAppliedLog(options);
    describeLogAhead(options);
    describeResume(options);
    if (options.autogenerate !== false) describeAutogenerate(options);
  });
}
