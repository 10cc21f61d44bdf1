import { fileURLToPath } from "node:url";
import { readLog, upgrade } from "@mig/core";
import { type ConformanceOptions, testProjects } from "@mig/dialect-tests";
import { describe, expect, test } from "vitest";
import { createDialect } from "../src/index.js";
import { connect, createTestDatabase } from "./helpers.js";

const options: ConformanceOptions = {
  name: "mysql-round-trips",
  dialect: createDialect,
  dialectModule: fileURLToPath(new URL("../dist/index.js", import.meta.url)),
  cli: fileURLToPath(new URL("../../../apps/cli/bin/mig.js", import.meta.url)),
  database: () => createTestDatabase("trips"),
};

describe("MySQL/MariaDB: what one step sends", () => {
  const newProject = testProjects(options);
  test("three round trips a step: its DDL, the version update, log row + COMMIT + BEGIN + next row", async () => {
    const scripts = ["trip00000001", "trip00000002", "trip00000003"].map((revision, i, all) =>
      i === 0 ? { revision } : { revision, down: all[i - 1] },
    );
    const project = await newProject(scripts);
    const lines: string[] = [];
    await upgrade({ ...project.options, logger: { info: (line) => lines.push(line) } });
    const sent = lines.map((line) => line.replace(/^SQL \(\d+\.\d ms\): /, ""));
    const [, r2, r3] = scripts.map((s) => s.revision);
    const from = sent.findIndex((sql) => sql.startsWith(`CREATE TABLE t_${r2}`));
    // The second step's log row went with the first step's COMMIT and BEGIN, in its
    // transaction: the second step's DDL commits it before anything of the step runs.
    expect(sent[from - 1]).toMatch(/^UPDATE `mig_log` .*; COMMIT; BEGIN; INSERT INTO `mig_log` /s);
    const shapes = [
      new RegExp(`^CREATE TABLE t_${r2} `),
      /^UPDATE `mig_version` /,
      new RegExp(
        `^UPDATE \`mig_log\` .*; COMMIT; BEGIN; INSERT INTO \`mig_log\` .* VALUES \\('${r3}'`,
        "s",
      ),
      new RegExp(`^CREATE TABLE t_${r3} `),
      /^UPDATE `mig_version` /,
      /^UPDATE `mig_log` [^;]*$/,
      /^COMMIT$/,
    ];
    const rest = sent.slice(from);
    expect(rest).toHaveLength(shapes.length);
    for (const [i, shape] of shapes.entries()) expect(rest[i]).toMatch(shape);
    const log = (await readLog(project.options)).reverse();
    expect(log.map((r) => [r.revision, r.success, r.finishedAt !== null])).toEqual(
      scripts.map((s) => [s.revision, true, true]),
    );
  });

  test("a next step's log row refused after the COMMIT is sent again on its own: one row each, all finished", async () => {
    const scripts = ["trip00000011", "trip00000012", "trip00000013"].map((revision, i, all) =>
      i === 0 ? { revision } : { revision, down: all[i - 1] },
    );
    const project = await newProject(scripts);
    const [r1, r2, r3] = scripts.map((s) => s.revision);
    await upgrade({ ...project.options, target: r1 });
    // The run's session refuses the first INSERT of r3's row, which rides at the end of r2's
    // COMMIT batch; a session variable (not rolled back) lets the second one through.
    const source = await connect(project.db.url, { poolSize: 1 });
    try {
      const c = await source.acquire();
      await c.execute(`CREATE TRIGGER refuse_once BEFORE INSERT ON mig_log FOR EACH ROW
BEGIN
  IF NEW.revision = '${r3}' AND @mig_refused IS NULL THEN
    SET @mig_refused = 1;
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused once';
  END IF;
END`);
      await c.release();
    } finally {
      await source.close();
    }
    const lines: string[] = [];
    await upgrade({ ...project.options, logger: { info: (line) => lines.push(line) } });
    const sent = lines.map((line) => line.replace(/^SQL \(\d+\.\d ms\): /, ""));
    const carried = sent.findIndex((sql) => /; COMMIT; BEGIN; INSERT INTO `mig_log` /s.test(sql));
    expect(carried, sent.join("\n")).toBeGreaterThan(-1);
    // Sent again alone, before r3's DDL.
    expect(sent[carried + 1]).toMatch(
      new RegExp(`^INSERT INTO \`mig_log\` .* VALUES \\('${r3}'`, "s"),
    );
    expect(sent[carried + 2]).toMatch(new RegExp(`^CREATE TABLE t_${r3} `));
    const log = (await readLog(project.options)).reverse();
    expect(log.map((r) => [r.revision, r.success, r.finishedAt !== null])).toEqual([
      [r1, true, true],
      [r2, true, true],
      [r3, true, true],
    ]);
  });
});
