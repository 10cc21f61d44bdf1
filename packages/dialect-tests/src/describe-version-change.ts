import { isMigError, upgrade } from "@mig/core";
import { describe, expect, test } from "vitest";
import { caught, linear } from "./conformance-helpers.js";
import { existingTables, versionRows, withConnection } from "./inspect.js";
import type { ConformanceOptions } from "./options.js";
import { testProjects } from "./test-projects.js";

/** A step's version-table change: how many round trips it takes, and that a mismatch commits nothing. */
export function describeVersionChange(options: ConformanceOptions): void {
  const dialect = options.dialect();

  describe(`${options.name} version change`, () => {
    const make = testProjects(options);

    test("a middle step sends its version change with its COMMIT where the database checks it", async () => {
      const scripts = linear(3);
      const project = await make(scripts);
      const combined = await withConnection(
        dialect,
        project,
        async (c) => typeof c.commitAndBegin === "function",
      );
      const checked = combined && dialect.versionTable.expectOneRow !== undefined;
      const lines: string[] = [];
      await upgrade({ ...project.options, logger: { info: (line) => lines.push(line) } });
      const sent = lines.map((line) => line.replace(/^SQL \(\d+\.\d ms\): /, ""));
      // What step 2 sends after its own CREATE TABLE, up to step 3's.
      const from = sent.findIndex((sql) => sql.includes(`t_${scripts[1]!.revision}`));
      const to = sent.findIndex((sql) => sql.includes(`t_${scripts[2]!.revision}`));
      const bookkeeping = sent.slice(from + 1, to);
      const change = bookkeeping.find((sql) => /mig_version/.test(sql));
      // Written into the SQL, or bound to it where the connection reuses prepared statements.
      const revision = scripts[1]!.revision;
      const bound = dialect.capabilities.reusesPreparedStatements === true;
      expect(change).toContain(bound ? `"${revision}"` : `'${revision}'`);
      if (checked) {
        // One round trip: the checked change, the log row, COMMIT and the next BEGIN.
        expect(bookkeeping).toHaveLength(1);
        expect(change).toMatch(/mig_log.*; COMMIT; BEGIN$/s);
      } else {
        // The count is checked before anything commits, so the change goes on its own.
        expect(change).not.toMatch(/COMMIT/);
      }
      expect(await versionRows(dialect, project)).toEqual([scripts[2]!.revision]);
    });

    // MySQL's DDL commits on its own, so only where DDL rolls back is "nothing" checkable.
    if (dialect.capabilities.transactionalDDL) {
      test("a version row gone from under a step fails it and commits none of it", async () => {
        const scripts = linear(3, (i) =>
          i === 1
            ? { up: [`CREATE TABLE t_r00000000002 (id INTEGER)`, "DELETE FROM mig_version"] }
            : {},
        );
        const project = await make(scripts);
        const error = await caught(upgrade(project.options));
        expect(isMigError(error) && error.code).toBe("migration_failed");
        expect((error as Error).message).toContain(
          "Expected one version row when updating 'r00000000001' to 'r00000000002' in mig_version; found 0.",
        );
        expect(await versionRows(dialect, project)).toEqual([scripts[0]!.revision]);
        const names = scripts.map((s) => `t_${s.revision}`);
        expect(await existingTables(dialect, project, names)).toEqual(names.slice(0, 1));
      });
    }
  });
}
