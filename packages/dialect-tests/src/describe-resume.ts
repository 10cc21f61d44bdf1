import { createHash } from "node:crypto";
import { type Dialect, readLog, upgrade } from "@mig/core";
import { afterEach, describe, expect, test } from "vitest";
import { code } from "./conformance-helpers.js";
import { existingTables, versionRows, withConnection } from "./inspect.js";
import type { ConformanceOptions } from "./options.js";
import { type ScriptSpec, TestProject } from "./project.js";

const FIRST = "r00000000001";
const HALF = "r00000000002";

/** Five statements; the third fails until the test fixes it. 1–2 cannot run twice unnoticed. */
export const fiveStatements = (
  third: string,
  first = "CREATE TABLE rs_a (id INTEGER PRIMARY KEY)",
) => [
  first,
  "INSERT INTO rs_a (id) VALUES (1)",
  third,
  "CREATE TABLE rs_b (id INTEGER PRIMARY KEY)",
  "INSERT INTO rs_b (id) VALUES (5)",
];
export const BROKEN = "INSERT INTO rs_missing (id) VALUES (2)";
export const FIXED = "INSERT INTO rs_a (id) VALUES (2)";

/** The ids in a table, sorted. */
export async function ids(
  dialect: Dialect,
  project: TestProject,
  table: string,
): Promise<number[]> {
  return withConnection(dialect, project, async (c) => {
    const rows = await c.query(`SELECT id FROM ${dialect.quoteIdentifier(table)} ORDER BY id`);
    return rows.map((r) => Number(r.id));
  });
}

/** `up --resume` where statements commit one by one (issue 14 item 6, docs/resume.md). */
export function describeResume(options: ConformanceOptions): void {
  const dialect = options.dialect();
  const projects: TestProject[] = [];
  const make = async (spec: Partial<ScriptSpec>) => {
    const p = await TestProject.create(options, [
      { revision: FIRST },
      { revision: HALF, down: FIRST, up: fiveStatements(BROKEN), ...spec },
    ]);
    projects.push(p);
    return p;
  };
  const rewrite = (p: TestProject, spec: Partial<ScriptSpec>, up: readonly string[]) =>
    p.write({ revision: HALF, down: FIRST, up, ...spec }, 1);

  describe(`${options.name} up --resume`, () => {
    afterEach(async () => {
      await Promise.all(projects.splice(0).map((p) => p.dispose()));
    });

    test("a half-applied step: refused without --resume, and when 1–2 changed; resumed runs 3–5 only", async () => {
      const spec = { transactional: false };
      const p = await make(spec);
      expect(await code(upgrade(p.options))).toBe("migration_failed");
      const [failed] = await readLog({ ...p.options, limit: 1 });
      const hash = createHash("sha256").update(fiveStatements(BROKEN).slice(0, 2).join("\0"));
      expect(failed).toMatchObject({
        revision: HALF,
        success: false,
        statementsDone: 2,
        statementsChecksum: hash.digest("hex"),
      });
      expect(await versionRows(dialect, p)).toEqual([FIRST]);

      // Without --resume, and fixed or not: nothing runs again.
      rewrite(p, spec, fiveStatements(FIXED));
      expect(await code(upgrade(p.options))).toBe("half_applied");
      // Statement 1 changed: the resume is refused before anything runs.
      const changed = "CREATE TABLE rs_a (id INTEGER PRIMARY KEY, note VARCHAR(10))";
      rewrite(p, spec, fiveStatements(FIXED, changed));
      expect(await code(upgrade({ ...p.options, resume: true }))).toBe("resume_mismatch");
      rewrite(p, spec, [fiveStatements(FIXED)[0]!]);
      expect(await code(upgrade({ ...p.options, resume: true }))).toBe("resume_mismatch");
      expect(await ids(dialect, p, "rs_a")).toEqual([1]);
      expect(await existingTables(dialect, p, ["rs_b"])).toEqual([]);
      expect((await readLog(p.options)).length).toBe(2);

      rewrite(p, spec, fiveStatements(FIXED));
      const resumed: number[] = [];
      const result = await upgrade({
        ...p.options,
        resume: true,
        events: { onResume: (point) => resumed.push(point.done) },
      });
      expect(resumed).toEqual([2]);
      expect(result.rows).toEqual([HALF]);
      expect(await ids(dialect, p, "rs_a")).toEqual([1, 2]);
      expect(await ids(dialect, p, "rs_b")).toEqual([5]);
      expect(await versionRows(dialect, p)).toEqual([HALF]);
      const [last] = await readLog({ ...p.options, limit: 1 });
      expect(last).toMatchObject({
        revision: HALF,
        direction: "up",
        success: true,
        statementsDone: 5,
        resumedFrom: 2,
      });
      // Nothing left to resume: a plain up.
      expect((await upgrade({ ...p.options, resume: true })).steps).toEqual([]);
    });

    test("a transactional script: half applied only where DDL does not roll back", async () => {
      const p = await make({});
      expect(await code(upgrade(p.options))).toBe("migration_failed");
      const [failed] = await readLog({ ...p.options, limit: 1 });
      rewrite(p, {}, fiveStatements(FIXED));
      if (dialect.capabilities.transactionalDDL) {
        // Rolled back: nothing to resume, and `--resume` is a plain up.
        expect(failed).toMatchObject({ statementsDone: 2, statementsChecksum: null });
        expect(await existingTables(dialect, p, ["rs_a"])).toEqual([]);
        await upgrade({ ...p.options, resume: true });
      } else {
        expect(failed!.statementsChecksum).toMatch(/^[0-9a-f]{64}$/);
        expect(await code(upgrade(p.options))).toBe("half_applied");
        await upgrade({ ...p.options, resume: true });
      }
      expect(await ids(dialect, p, "rs_a")).toEqual([1, 2]);
      expect(await ids(dialect, p, "rs_b")).toEqual([5]);
      expect(await versionRows(dialect, p)).toEqual([HALF]);
    });
  });
}
