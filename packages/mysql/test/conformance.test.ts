import { fileURLToPath } from "node:url";
import { describeDialect } from "@mig/dialect-tests";
import { createDialect } from "../src/index.js";
import { createTestDatabase } from "./helpers.js";

describeDialect({
  name: "mysql",
  dialect: createDialect,
  dialectModule: fileURLToPath(new URL("../dist/index.js", import.meta.url)),
  cli: fileURLToPath(new URL("../../../apps/cli/bin/mig.js", import.meta.url)),
  database: () => createTestDatabase("conf"),
  sleepSql: (seconds) => `SELECT SLEEP(${seconds})`,
  autogenerate: { enumValues: true },
});
