import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { describeDialect } from "@mig/dialect-tests";
import { afterAll } from "vitest";
import { createDialect } from "../src/index.js";

// initdb in WASM takes seconds: it runs once, and every test gets a copy of the result.
let template: Promise<string> | undefined;
const root = mkdtempSync(join(tmpdir(), "mig-pglite-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function makeTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = join(root, "template");
    await (await PGlite.create({ dataDir: dir })).close();
    return dir;
  })();
  return template;
}

// The same suite @mig/postgres runs (packages/postgres/test/conformance.test.ts), with the
// same options, against a fresh data directory per test. No `sleepSql`: PGlite runs a
// statement on this process's thread, so nothing can cancel it mid-way (as better-sqlite3).
// The `mig` processes it starts load the built package (run `pnpm build` first).
describeDialect({
  name: "pglite",
  // The kit connects again and again in-process: start PGlite once per data directory.
  dialect: () => createDialect({ keepOpenMs: 2000 }),
  dialectModule: fileURLToPath(new URL("../dist/index.js", import.meta.url)),
  cli: fileURLToPath(new URL("../../../apps/cli/bin/mig.js", import.meta.url)),
  autogenerate: { enumValues: true },
  database: async () => {
    const dir = mkdtempSync(join(root, "db-"));
    cpSync(await makeTemplate(), join(dir, "pgdata"), { recursive: true });
    return {
      url: `pglite:${join(dir, "pgdata")}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
});
