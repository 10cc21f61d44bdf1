import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { serverUrl } from "./helpers.js";

// mysql2 is required on the first connection (mysql-mysql2.ts): loading the dialect, as a
// `--sql` run does, costs none of its load time.
const probe = `
import { createRequire } from "node:module";
const cache = createRequire(import.meta.url).cache;
const loaded = () => Object.keys(cache).some((k) => /[\\\\/]mysql2[\\\\/]/.test(k));
const { createDialect } = await import("./dist/index.js");
const { parseDatabaseUrl } = await import("@mig/core");
const before = loaded();
const source = await createDialect().connect(parseDatabaseUrl(process.env.PROBE_URL), { pool: { poolSize: 1 } });
const c = await source.acquire();
await c.execute("SELECT 1");
await c.release();
await source.close();
console.log(JSON.stringify({ before, after: loaded() }));
`;

test("the dialect loads mysql2 on its first connection, not with the dialect", () => {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", probe], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    env: { ...process.env, PROBE_URL: serverUrl() },
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({ before: false, after: true });
});
