import { isMigError, readLog, upgrade } from "@mig/core";
import { describe, expect, test } from "vitest";
import { caught, linear } from "./conformance-helpers.js";
import { versionRows } from "./inspect.js";
import type { ConformanceOptions } from "./options.js";
import type { TestProject } from "./project.js";
import { testProjects } from "./test-projects.js";

/**
 * Where DDL commits by itself, a step's unfinished log row rides with the previous step's
 * COMMIT and BEGIN (Connection.commitAndBeginThen): what a user sees must not change.
 */
export function describeLogAhead(options: ConformanceOptions): void {
  describe(`${options.name} applied log, row sent ahead`, () => {
    const make = testProjects(options);
    const rows = async (project: TestProject) =>
      (await readLog(project.options)).reverse().map((r) => ({
        revision: r.revision,
        success: r.success,
        done: r.statementsDone,
        started: Date.parse(r.startedAt),
        finished: r.finishedAt === null ? null : Date.parse(r.finishedAt),
      }));

    test("a later step's row is visible while it runs and keeps the step's own start", async () => {
      const transactional = !options.dialect().capabilities.transactionalDDL;
      let seen: Awaited<ReturnType<typeof rows>> = [];
      let project: TestProject | undefined;
      const [first] = linear(1);
      project = await make([
        first!,
        {
          revision: "ahead0000002",
          down: first!.revision,
          transactional,
          hook: {
            async upgrade(op) {
              await op.execute("CREATE TABLE ahead_t (id INTEGER)");
              seen = await rows(project!); // another session: what a crash here leaves
            },
            async downgrade() {},
          },
        },
      ]);
      let secondStarts = 0;
      await upgrade({
        ...project.options,
        events: {
          onStepStart(step) {
            if (step.index !== 1) return;
            // A gap the row's start must fall after (a start taken at the commit would not).
            const until = Date.now() + 30;
            while (Date.now() < until);
            secondStarts = Date.now();
          },
        },
      });
      expect(seen.map((r) => [r.revision, r.success, r.finished === null])).toEqual([
        [first!.revision, true, false],
        ["ahead0000002", false, true],
      ]);
      const after = await rows(project);
      expect(after.map((r) => [r.revision, r.success, r.finished === null])).toEqual([
        [first!.revision, true, false],
        ["ahead0000002", true, false],
      ]);
      expect(after[1]!.started).toBeGreaterThanOrEqual(secondStarts);
      expect(after[1]!.finished!).toBeGreaterThanOrEqual(after[1]!.started);
    });

    test("a later step whose first statement fails leaves one failure row", async () => {
      const scripts = linear(3, (i) => (i === 1 ? { up: ["SELEC 1"] } : {}));
      const project = await make(scripts);
      const error = await caught(upgrade(project.options));
      expect(isMigError(error) && error.code).toBe("migration_failed");
      const after = await rows(project);
      expect(after.map((r) => [r.revision, r.success, r.done])).toEqual([
        [scripts[0]!.revision, true, 1],
        [scripts[1]!.revision, false, 0],
      ]);
      expect(after[1]!.started).toBeGreaterThanOrEqual(after[0]!.finished!);
      expect(await versionRows(options.dialect(), project)).toEqual([scripts[0]!.revision]);
    });
  });
}
