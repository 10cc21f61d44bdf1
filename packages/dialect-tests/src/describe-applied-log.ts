import { readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import {
  type Dialect,
  downgrade,
  isMigError,
  scriptChecksum,
  stamp,
  status,
  upgrade,
  verifyChecksums,
} from "@mig/core";
import { describe, expect, test } from "vitest";
import { caught, linear } from "./conformance-helpers.js";
import { existingTables, versionRows, withConnection } from "./inspect.js";
import type { ConformanceOptions } from "./options.js";
import type { TestProject } from "./project.js";
import { testProjects } from "./test-projects.js";

/** A log row as the test reads it straight from the table. */
interface Row {
  revision: string;
  direction: string;
  checksum: string | null;
  started: string;
  finished: string | null;
  duration: number | null;
  success: boolean;
  code: string | null;
  message: string | null;
  done: number | null;
  version: string;
  tag: string | null;
  host: string;
  user: string | null;
}

/** The applied log's rows, oldest first, read with plain SQL (not through mig). */
async function logRows(dialect: Dialect, project: TestProject): Promise<Row[]> {
  return withConnection(dialect, project, async (c) => {
    if (!(await dialect.hasTable(c, { name: "mig_log" }))) return [];
    const q = (n: string) => dialect.quoteIdentifier(n);
    const rows = await c.query(`SELECT * FROM ${q("mig_log")} ORDER BY ${q("id")}`);
    return rows.map((r) => ({
      revision: String(r.revision),
      direction: String(r.direction),
      checksum: r.checksum === null ? null : String(r.checksum),
      started: String(r.started_at),
      finished: r.finished_at === null ? null : String(r.finished_at),
      duration: r.duration_ms === null ? null : Number(r.duration_ms),
      success: r.success === true || Number(r.success) === 1,
      code: r.error_code === null ? null : String(r.error_code),
      message: r.error_message === null ? null : String(r.error_message),
      done: r.statements_done === null ? null : Number(r.statements_done),
      version: String(r.mig_version),
      tag: r.tag === null ? null : String(r.tag),
      host: String(r.host),
      user: r.db_user === null ? null : String(r.db_user),
    }));
  });
}

/** The applied log on a real database: one row per step, failures included (issue 14). */
export function describeAppliedLog(options: ConformanceOptions): void {
  const dialect = options.dialect();
  const checksumOf = (project: TestProject, index: number, revision: string) =>
    scriptChecksum(
      readFileSync(
        join(project.migrations, `${String(index).padStart(4, "0")}_${revision}.ts`),
        "utf8",
      ),
    );
  const currentUser = (project: TestProject) =>
    withConnection(dialect, project, async (c) => {
      const [row] = await c.query(`SELECT ${dialect.logTable.currentUser()} AS u`);
      return row?.u === null || row?.u === undefined ? null : String(row.u);
    });

  describe(`${options.name} applied log`, () => {
    const make = testProjects(options);

    test("up, down and stamp each write one row: checksum, times, tag, host, user", async () => {
      const scripts = linear(2);
      const project = await make(scripts);
      await upgrade({ ...project.options, tag: "deploy-7" });
      await downgrade({ ...project.options, target: "-1" });
      await stamp({ ...project.options, revisions: [scripts[1]!.revision] });
      const rows = await logRows(dialect, project);
      const [r1, r2] = scripts.map((s) => s.revision);
      expect(rows.map((r) => [r.revision, r.direction, r.success])).toEqual([
        [r1, "up", true],
        [r2, "up", true],
        [r2, "down", true],
        [r2, "stamp", true],
      ]);
      expect(rows[0]!.checksum).toBe(checksumOf(project, 0, r1!));
      expect(rows[2]!.checksum).toBe(checksumOf(project, 1, r2!));
      expect(rows[3]!.checksum).toBeNull();
      expect(rows.map((r) => r.tag)).toEqual(["deploy-7", "deploy-7", null, null]);
      const user = await currentUser(project);
      for (const row of rows) {
        expect(row.finished).not.toBeNull();
        expect(row.duration).toBeGreaterThanOrEqual(0);
        expect(row.code).toBeNull();
        expect(row.host).toBe(hostname());
        expect(row.version).toMatch(/^\d+\.\d+\.\d+/);
        expect(row.user).toBe(user);
      }
      if (options.databaseUsers !== false) expect(user).toBeTruthy();
      expect(await versionRows(dialect, project)).toEqual([r2]);
    });

    test("a failing step leaves one failure row with the error, after the rollback", async () => {
      const scripts = linear(3, (i) => (i === 1 ? { fail: true } : {}));
      const project = await make(scripts);
      const error = await caught(upgrade(project.options));
      expect(isMigError(error) && error.code).toBe("migration_failed");
      const rows = await logRows(dialect, project);
      expect(rows.map((r) => [r.revision, r.direction, r.success])).toEqual([
        [scripts[0]!.revision, "up", true],
        [scripts[1]!.revision, "up", false],
      ]);
      const failed = rows[1]!;
      expect(failed.finished).not.toBeNull();
      expect(failed.message).toContain(`boom in ${scripts[1]!.revision}`);
      // The script's one CREATE TABLE ran before it threw.
      expect(failed.done).toBe(1);
      expect(await versionRows(dialect, project)).toEqual([scripts[0]!.revision]);
    });

    test("a failing statement records the driver's error code", async () => {
      const scripts = linear(1, () => ({ up: ["CREATE TABLE ok_t (id INTEGER)", "SELEC 1"] }));
      const project = await make(scripts);
      await caught(upgrade(project.options));
      const [row] = await logRows(dialect, project);
      expect(row).toMatchObject({ success: false, done: 1 });
      expect(row!.code).toBeTruthy();
      expect(row!.message).toBeTruthy();
    });

    test("a failure's message in the log never holds the URL's password", async () => {
      let url = "";
      const project = await make([
        {
          revision: "pw0000000001",
          hook: {
            async upgrade() {
              throw new Error(`cannot reach ${url}`);
            },
            async downgrade() {},
          },
        },
      ]);
      url = project.db.url;
      await caught(upgrade(project.options));
      const [row] = await logRows(dialect, project);
      expect(row!.message).toContain("cannot reach");
      const password = decodeURIComponent(new URL(url).password);
      if (password) expect(row!.message).not.toContain(password);
    });

    test("a transactional = false script logs its row, success and failure", async () => {
      const scripts = linear(2, (i) =>
        i === 0 ? { transactional: false } : { transactional: false, fail: true },
      );
      const project = await make(scripts);
      await caught(upgrade(project.options));
      const rows = await logRows(dialect, project);
      expect(rows.map((r) => [r.revision, r.success, r.finished === null])).toEqual([
        [scripts[0]!.revision, true, false],
        [scripts[1]!.revision, false, false],
      ]);
      expect(rows[1]!.message).toContain("boom");
      expect(rows[1]!.done).toBe(1);
    });

    test("a step that cannot roll back shows as unfinished while it runs", async () => {
      // Where DDL commits by itself (MySQL) any step; elsewhere a transactional = false one.
      const transactional = !dialect.capabilities.transactionalDDL;
      let seen: Row[] = [];
      let project: TestProject | undefined;
      project = await make([
        {
          revision: "half00000001",
          transactional,
          hook: {
            async upgrade(op) {
              await op.execute("CREATE TABLE half_t (id INTEGER)");
              // Another session sees the open row: what a crash here would leave behind.
              seen = await logRows(dialect, project!);
            },
            async downgrade() {},
          },
        },
      ]);
      await upgrade(project.options);
      expect(seen.map((r) => [r.revision, r.success, r.finished])).toEqual([
        ["half00000001", false, null],
      ]);
      const rows = await logRows(dialect, project);
      expect(rows.map((r) => [r.revision, r.success, r.finished === null])).toEqual([
        ["half00000001", true, false],
      ]);
    });

    test("a database from before the log gets the table on its next run", async () => {
      const scripts = linear(2);
      const project = await make(scripts.slice(0, 1));
      await upgrade(project.options);
      await withConnection(dialect, project, (c) =>
        c.execute(`DROP TABLE ${dialect.quoteIdentifier("mig_log")}`),
      );
      project.write(scripts[1]!, 1);
      await upgrade(project.options);
      expect(await existingTables(dialect, project, ["mig_log"])).toEqual(["mig_log"]);
      const rows = await logRows(dialect, project);
      expect(rows.map((r) => r.revision)).toEqual([scripts[1]!.revision]);
      // Revisions applied before the log have no checksum to compare: nothing is reported.
      expect((await verifyChecksums(project.options)).mismatches).toEqual([]);
    });

    test("an edited applied script: status reports it, strict up refuses, verify lists it", async () => {
      const scripts = linear(2);
      const project = await make(scripts.slice(0, 1));
      await upgrade(project.options);
      const file = join(project.migrations, `0000_${scripts[0]!.revision}.ts`);
      // Line endings and trailing spaces are not edits.
      writeFileSync(file, readFileSync(file, "utf8").replaceAll("\n", "  \r\n"));
      expect((await status(project.options)).mismatches).toEqual([]);
      writeFileSync(file, `${readFileSync(file, "utf8")}\n// edited\n`);
      project.write(scripts[1]!, 1);
      const found = (await status(project.options)).mismatches;
      expect(found.map((m) => [m.revision, m.kind])).toEqual([[scripts[0]!.revision, "changed"]]);
      const error = await caught(upgrade({ ...project.options, strict: true }));
      expect(isMigError(error) && error.code).toBe("checksum_mismatch");
      expect((error as Error).message).toContain(scripts[0]!.revision);
      expect(await versionRows(dialect, project)).toEqual([scripts[0]!.revision]);
      expect((await verifyChecksums(project.options)).mismatches).toHaveLength(1);
      // Warn mode runs; downgrade is unaffected.
      await upgrade(project.options);
      expect(await versionRows(dialect, project)).toEqual([scripts[1]!.revision]);
      await downgrade({ ...project.options, target: "base" });
      expect(await versionRows(dialect, project)).toEqual([]);
    });

    test("offline SQL creates the log and inserts its rows, and runs", async () => {
      const scripts = linear(2);
      const project = await make(scripts);
      const { sql } = await upgrade({ ...project.options, sql: true, tag: "offline" });
      expect(sql).toMatch(/CREATE TABLE \S*mig_log/);
      expect(sql!.match(/INSERT INTO \S*mig_log/g)).toHaveLength(2);
      await withConnection(dialect, project, (c) => c.execute(sql!));
      const rows = await logRows(dialect, project);
      expect(rows.map((r) => [r.revision, r.success, r.tag])).toEqual([
        [scripts[0]!.revision, true, "offline"],
        [scripts[1]!.revision, true, "offline"],
      ]);
      expect(rows[0]!.finished).not.toBeNull();
    });
  });
}
