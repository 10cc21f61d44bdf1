import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describeDialect } from "@mig/dialect-tests";
import { createDialect } from "../src/index.js";

// The same suite mig's own dialects pass, run against a fresh database file per test.
// The `mig` processes it starts load the built package (run `pnpm build` first).
describeDialect({
  // SQLite has no users: the applied log's db_user stays NULL.
  databaseUsers: false,
  name: "lite",
  dialect: createDialect,
  dialectModule: fileURLToPath(new URL("../dist/index.js", import.meta.url)),
  cli: fileURLToPath(new URL("../../../apps/cli/bin/mig.js", import.meta.url)),
  // This example shows the connection, lock and graph path only; it has no DDL compiler of
  // its own, so SQLite-incompatible standard DDL (ALTER COLUMN) would fail the operations part.
  operations: false,
  // Nor an introspector that reads a declared schema back (`snapshotDeclared`): no autogenerate.
  autogenerate: false,
  database: async () => {
    const dir = mkdtempSync(join(tmpdir(), "mig-lite-"));
    return {
      url: `lite:${join(dir, "test.db")}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
});
