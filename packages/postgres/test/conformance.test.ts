import { fileURLToPath } from "node:url";
import { describeDialect } from "@mig/dialect-tests";
import { createDialect } from "../src/index.js";
import { createTestDatabase } from "./helpers.js";

const common = {
  dialect: createDialect,
  dialectModule: fileURLToPath(new URL("../dist/index.js", import.meta.url)),
  cli: fileURLToPath(new URL("../../../apps/cli/bin/mig.js", import.meta.url)),
  sleepSql: (seconds: number) => `SELECT pg_sleep(${seconds})`,
};

// The shared suite every dialect runs: graph scenario, failure at step k, 20 `mig up`
// processes at once, lock timeout, non-transactional migrations, offline replay.
describeDialect({
  ...common,
  name: "postgres",
  database: () => createTestDatabase("conf"),
  autogenerate: { enumValues: true },
});

// Again with the lock for transaction-pooling proxies, chosen by the URL.
describeDialect({
  ...common,
  name: "postgres-table-lock",
  autogenerate: false,
  database: async () => {
    const db = await createTestDatabase("conft");
    const url = new URL(db.url);
    url.searchParams.set("lock", "table");
    return { url: url.toString(), drop: db.drop };
  },
});
