import { acquireLock, type Dialect, isMigError, upgrade } from "@mig/core";
import { expect, test } from "vitest";
import { caught, code, linear } from "./conformance-helpers.js";
import { versionRows, withConnection } from "./inspect.js";
import type { ConformanceOptions } from "./options.js";
import type { ScriptSpec, TestProject } from "./project.js";
import { runCli } from "./run-cli.js";

/**
 * The migration lock: many processes at once apply each migration once; a waiting run
 * gives up naming the holder; a failed run releases it; a bad timeout is a usage error.
 */
export function testLock(
  options: ConformanceOptions,
  dialect: Dialect,
  make: (scripts: readonly ScriptSpec[]) => Promise<TestProject>,
): void {
  test(`${options.processes ?? 20} mig up processes at once apply each migration exactly once`, async () => {
    const n = options.processes ?? 20;
    const scripts = linear(6, (i) => ({
      up: [
        ...(i === 0 ? ["CREATE TABLE applied_log (rev VARCHAR(32))"] : []),
        `INSERT INTO applied_log (rev) VALUES ('r${i + 1}')`,
      ],
      downSql: [
        i === 0 ? "DROP TABLE applied_log" : `DELETE FROM applied_log WHERE rev = 'r${i + 1}'`,
      ],
    }));
    const project = await make(scripts);
    const runs = await Promise.all(
      Array.from({ length: n }, () =>
        runCli(options.cli, ["up", "--lock-timeout", "120"], project.dir),
      ),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const log = await withConnection(dialect, project, (c) =>
      c.query<{ rev: string }>("SELECT rev FROM applied_log ORDER BY rev"),
    );
    expect(log.map((r) => r.rev)).toEqual(["r1", "r2", "r3", "r4", "r5", "r6"]);
    expect(await versionRows(dialect, project)).toEqual([scripts[5]!.revision]);
  }, 180_000);

  test("the lock: a run waits, then gives up with a clear error naming the holder after --lock-timeout", async () => {
    const project = await make(linear(1));
    await withConnection(dialect, project, async (holder) => {
      const lock = await acquireLock(dialect, holder, {
        timeoutMs: 5_000,
        table: { name: "mig_version" },
      });
      try {
        const started = Date.now();
        const error = await caught(upgrade({ ...project.options, lockTimeout: 0.5 }));
        expect(isMigError(error) && error.code).toBe("lock_timeout");
        // Every first-party dialect can say who holds it: a session, connection or lock file.
        expect((error as Error).message).toMatch(/gave up after 0\.5 s \(held [^)]+\)\.$/);
        expect(Date.now() - started).toBeLessThan(10_000);
      } finally {
        await lock.release();
      }
    });
    const result = await upgrade({ ...project.options, lockTimeout: 5 });
    expect(result.steps).toHaveLength(1);
  });

  test("the lock is released when a migration fails: the next run need not wait", async () => {
    const project = await make(linear(2, (i) => (i === 1 ? { fail: true } : {})));
    expect(await code(upgrade({ ...project.options, lockTimeout: 5 }))).toBe("migration_failed");
    await withConnection(dialect, project, async (connection) => {
      const lock = await acquireLock(dialect, connection, {
        timeoutMs: 0,
        table: { name: "mig_version" },
      });
      await lock.release();
    });
  });

  test("a negative or NaN lockTimeout is a usage error, before anything runs", async () => {
    const project = await make(linear(1));
    for (const lockTimeout of [-1, Number.NaN]) {
      const error = await caught(upgrade({ ...project.options, lockTimeout }));
      expect(error).toMatchObject({ code: "invalid_lock_timeout", usage: true });
    }
    expect(await versionRows(dialect, project)).toEqual([]);
  });
}
