import { fileURLToPath, pathToFileURL } from "node:url";
import { expect, test } from "vitest";
import { autogenerateProject, migrationFiles, TARGETS } from "./autogenerate-project.js";
import { EXISTING_SCHEMA, versionRows } from "./baseline-databases.js";

/** The built @mig/core, as an application imports it. */
const core = pathToFileURL(
  fileURLToPath(new URL("../../../packages/core/dist/index.js", import.meta.url)),
).href;

interface BaselineResult {
  path: string;
  header: { revision: string; downRevisions: string[]; message: string };
  tables: number;
  stamped: boolean;
  warnings: string[];
}
type Baseline = (o: object) => Promise<BaselineResult>;

test("baseline() from @mig/core writes the revision, stamps the database and returns both", async () => {
  const { baseline } = (await import(core)) as { baseline: Baseline };
  const dir = autogenerateProject("sqlite:./app.db", "");
  const sqlite = TARGETS.find((t) => t.name === "sqlite")!;
  await (await sqlite.database(dir)).exec(EXISTING_SCHEMA.sqlite);

  const result = await baseline({ cwd: dir, message: "adopt", revId: "a1b2c3" });
  expect(result).toMatchObject({
    header: { revision: "a1b2c3", downRevisions: [], message: "adopt" },
    // No filter in this config: audit_log is part of it.
    tables: 3,
    stamped: true,
  });
  expect(result.warnings.join("\n")).toContain("long_books");
  expect(migrationFiles(dir)).toEqual([result.path.split("/").pop()]);
  expect(await versionRows("sqlite", "sqlite:./app.db", dir)).toEqual(["a1b2c3"]);

  await expect(baseline({ cwd: dir })).rejects.toMatchObject({
    code: "baseline_has_revisions",
    usage: true,
  });
});
