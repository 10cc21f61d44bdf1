import { fileURLToPath } from "node:url";
import { type ScriptSpec, TestProject } from "@mig/dialect-tests";
import { afterEach } from "vitest";
import { createDialect } from "../src/index.js";
import { tempDir } from "./helpers.js";

const projects: TestProject[] = [];
afterEach(async () => {
  for (const p of projects.splice(0)) await p.dispose();
});

/** A throwaway project on a fresh SQLite file (`file`), removed after the test. */
export async function sqliteProject(
  scripts: readonly ScriptSpec[],
): Promise<{ p: TestProject; file: string }> {
  const file = `${tempDir()}/test.db`;
  const p = await TestProject.create(
    {
      name: "sqlite",
      dialect: createDialect,
      dialectModule: fileURLToPath(new URL("../dist/index.js", import.meta.url)),
      cli: fileURLToPath(new URL("../../../apps/cli/bin/mig.js", import.meta.url)),
      database: async () => ({ url: `sqlite:///${file}`, drop: async () => {} }),
    },
    scripts,
  );
  projects.push(p);
  return { p, file };
}
