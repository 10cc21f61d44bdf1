import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describeDialect } from "@mig/dialect-tests";
import { createDialect } from "../src/index.js";

describeDialect({
  // SQLite has no users: the applied log's db_user stays NULL.
  databaseUsers: false,
  name: "sqlite",
  dialect: createDialect,
  dialectModule: fileURLToPath(new URL("../dist/index.js", import.meta.url)),
  cli: fileURLToPath(new URL("../../../apps/cli/bin/mig.js", import.meta.url)),
  database: async () => {
    const dir = mkdtempSync(join(tmpdir(), "mig-sqlite-"));
    return {
      url: `sqlite:///${join(dir, "test.db")}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
});
