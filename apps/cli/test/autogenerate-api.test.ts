import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { expect, test } from "vitest";
import { autogenerateProject, printed, SCHEMA_V1 } from "./autogenerate-project.js";
import { mig } from "./run-cli.js";

/** The built @mig/core, as an application imports it. */
const core = pathToFileURL(
  fileURLToPath(new URL("../../../packages/core/dist/index.js", import.meta.url)),
).href;

interface CheckResult {
  clean: boolean;
  changes: { kind: string; table?: { name: string } }[];
  warnings: string[];
}

test("check() from @mig/core returns the diff as data, and clean once the database matches", async () => {
  const { check } = (await import(core)) as { check(o: object): Promise<CheckResult> };
  const dir = autogenerateProject("sqlite:./app.db");
  writeFileSync(join(dir, "schema.ts"), SCHEMA_V1);

  const before = await check({ cwd: dir });
  expect(before.clean).toBe(false);
  expect(
    before.changes
      .filter((c) => c.kind === "addTable")
      .map((c) => c.table?.name)
      .sort(),
  ).toEqual(["posts", "users"]);
  expect(before.warnings).toEqual([]);

  const gen = mig(dir, ["revision", "--autogenerate", "-m", "create"]);
  expect(gen.code, printed(gen)).toBe(0);
  expect(mig(dir, ["up"]).code).toBe(0);
  const after = await check({ cwd: dir });
  expect(after).toMatchObject({ clean: true, changes: [], warnings: [] });
});

test("check() without a schema module rejects with a usage error, naming the key", async () => {
  const { check } = (await import(core)) as { check(o: object): Promise<CheckResult> };
  const dir = autogenerateProject("sqlite:./app.db", "");
  await expect(check({ cwd: dir })).rejects.toMatchObject({
    code: "schema_not_configured",
    usage: true,
    hint: expect.stringContaining('schema: "./schema.ts"'),
  });
});
