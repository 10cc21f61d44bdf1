import { downgrade, isMigError, type Operations, upgrade } from "@mig/core";
import { afterEach, describe, expect, test, vi } from "vitest";
import { caught, linear } from "./conformance-helpers.js";
import { existingTables, versionRows, withConnection } from "./inspect.js";
import type { ConformanceOptions } from "./options.js";
import { TestProject } from "./project.js";

/** `logSql` / `logger` on the programmatic API: silent by default, every statement when asked. */
export function describeLogging(options: ConformanceOptions): void {
  const dialect = options.dialect();
  const projects: TestProject[] = [];
  const p1 = dialect.placeholder === "$n" ? "$1" : "?";
  const password = (url: string) => decodeURIComponent(new URL(url).password);
  const make = async () => {
    const project = await TestProject.create(options, [
      {
        revision: "log000000001",
        hook: {
          async upgrade(op: Operations) {
            await op.execute("CREATE TABLE logged (id INTEGER PRIMARY KEY, note VARCHAR(100))");
            // A parameter holding the URL's password (when it has one) must not be printed.
            const secret = password(project.db.url) || "no-password";
            await op.execute(`INSERT INTO logged (id, note) VALUES (7, ${p1})`, [secret]);
          },
          async downgrade(op: Operations) {
            await op.execute("DROP TABLE logged");
          },
        },
      },
    ]);
    projects.push(project);
    return project;
  };

  describe(`${options.name} SQL logging`, () => {
    afterEach(async () => {
      vi.restoreAllMocks();
      await Promise.all(projects.splice(0).map((p) => p.dispose()));
    });

    test("upgrade() prints nothing by default", async () => {
      const project = await make();
      const spies = [
        vi.spyOn(process.stdout, "write"),
        vi.spyOn(process.stderr, "write"),
        ...(["log", "info", "warn", "error", "debug"] as const).map((m) => vi.spyOn(console, m)),
      ];
      const result = await upgrade(project.options);
      expect(result.rows).toEqual(["log000000001"]);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    });

    test("a logger gets each statement with its time and parameters, never the password", async () => {
      const project = await make();
      const lines: string[] = [];
      await upgrade({ ...project.options, logger: { info: (line) => lines.push(line) } });
      const text = lines.join("\n");
      expect(text).toMatch(
        /^SQL \(\d+\.\d ms\): CREATE TABLE logged \(id INTEGER PRIMARY KEY, note VARCHAR\(100\)\)$/m,
      );
      expect(text).toMatch(/^SQL \(\d+\.\d ms\): INSERT INTO logged .* -- params: \[".*"\]$/m);
      expect(text).toMatch(/^SQL \(\d+\.\d ms\): (BEGIN|START TRANSACTION)/m);
      expect(text).toContain("log000000001");
      const secret = password(project.db.url);
      if (secret) {
        expect(text).not.toContain(secret);
        expect(text).toContain('-- params: ["***"]');
      }
      // logSql: false wins over a logger; logSql: true without one writes to stderr.
      const quiet: string[] = [];
      const stderr = vi.spyOn(console, "error").mockImplementation(() => undefined);
      await downgrade({
        ...project.options,
        target: "base",
        logSql: false,
        logger: { info: (l) => quiet.push(l) },
      });
      expect(quiet).toEqual([]);
      expect(stderr).not.toHaveBeenCalled();
      await upgrade({ ...project.options, logSql: true });
      expect(stderr.mock.calls.map((c) => String(c[0])).join("\n")).toContain(
        "CREATE TABLE logged",
      );
    });

    test("a commit sent with the next BEGIN still leaves a failing migration's work out", async () => {
      const scripts = linear(3, (i) => (i === 2 ? { fail: true } : {}));
      const project = await TestProject.create(options, scripts);
      projects.push(project);
      const [combined, ahead] = await withConnection(dialect, project, async (c) => [
        typeof c.commitAndBegin === "function",
        typeof c.commitAndBeginThen === "function",
      ]);
      const lines: string[] = [];
      const error = await caught(
        upgrade({ ...project.options, logger: { info: (line) => lines.push(line) } }),
      );
      expect(isMigError(error) && error.code).toBe("migration_failed");
      const sent = lines.map((line) => line.replace(/^SQL \(\d+\.\d ms\): /, ""));
      // Where the connection can, the step's applied-log row, its commit and the begin of
      // the next share a round trip: steps 1 and 2 each end that way; step 3 fails and is
      // rolled back. Where DDL commits by itself, the next step's unfinished log row rides
      // too, after the BEGIN (commitAndBeginThen).
      const carried = sent.filter((sql) =>
        /mig_log.*; COMMIT; BEGIN(; INSERT INTO .*)?$/s.test(sql),
      );
      expect(carried).toHaveLength(combined ? 2 : 0);
      const opensAhead = ahead && !dialect.capabilities.transactionalDDL;
      for (const sql of carried) {
        expect(/; COMMIT; BEGIN; INSERT INTO \S*mig_log\S* /.test(sql)).toBe(opensAhead);
      }
      const rollback = sent.lastIndexOf("ROLLBACK");
      expect(rollback).toBeGreaterThan(-1);
      // After the rollback only the applied log's failure row is written (in its own transaction).
      for (const sql of sent.slice(rollback + 1)) expect(sql).toMatch(/^(BEGIN|COMMIT)$|mig_log/);
      expect(await versionRows(dialect, project)).toEqual([scripts[1]!.revision]);
      const names = scripts.map((s) => `t_${s.revision}`);
      expect(await existingTables(dialect, project, names)).toEqual(
        dialect.capabilities.transactionalDDL ? names.slice(0, 2) : names,
      );
    });
  });
}
