import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { serverUrl } from "./helpers.js";

// pg is required on the first connection (postgres-pg.ts), and its load-time check for a
// Cloudflare Worker must not pull in Node's fetch implementation where Node has no
// `navigator` (Node 20), nor leave a `navigator` behind.
const probe = `
import { createRequire } from "node:module";
const cache = createRequire(import.meta.url).cache;
const state = () => ({
  pg: Object.keys(cache).some((k) => /[\\\\/]pg[\\\\/]lib[\\\\/]/.test(k)),
  fetch: process.moduleLoadList.some((m) => m.includes("undici")),
});
const { createDialect } = await import("./dist/index.js");
const { parseDatabaseUrl } = await import("@mig/core");
const before = state();
const source = await createDialect().connect(parseDatabaseUrl(process.env.PROBE_URL), { pool: { poolSize: 1 } });
const c = await source.acquire();
await c.execute("SELECT 1");
await c.release();
await source.close();
console.log(JSON.stringify({ before, after: state(), navigator: typeof navigator }));
`;

test("the dialect loads pg on its first connection, without Node's fetch, leaving no navigator", () => {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", probe], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    env: { ...process.env, PROBE_URL: serverUrl() },
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(0);
  const nodeMajor = Number(process.versions.node.split(".")[0]);
  expect(JSON.parse(r.stdout)).toEqual({
    before: { pg: false, fetch: false },
    after: { pg: true, fetch: false },
    // Node 21 and later define navigator themselves.
    navigator: nodeMajor >= 21 ? "object" : "undefined",
  });
});
