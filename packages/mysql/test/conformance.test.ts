import { fileURLToPath } from "node:url";
import { describeDialect } from "@mig/dialect-tests";
import { createDialect } from "../src/index.js";
import { createTestDatabase } from "./helpers.js";

const common = {
  dialect: createDialect,
  dialectModule: fileURLToPath(new URL("../dist/index.js", import.meta.url)),
  cli: fileURLToPath(new URL("../../../apps/cli/bin/mig.js", import.meta.url)),
  sleepSql: (seconds: number) => `SELECT SLEEP(${seconds})`,
};

describeDialect({
  ...common,
  name: "mysql",
  database: () => createTestDatabase("conf"),
  autogenerate: { enumValues: true },
});

// Again with the lock table Galera clusters get (forced by the URL on this plain server):
// runs, locks, failures, interrupts and resume; the DDL parts are the same as above.
describeDialect({
  ...common,
  name: "mysql-table-lock",
  autogenerate: false,
  operations: false,
  database: async () => {
    const db = await createTestDatabase("conft");
    const url = new URL(db.url);
    url.searchParams.set("lock", "table");
    return { url: url.toString(), drop: db.drop };
  },
});
