#!/usr/bin/env node
// `pnpm bench`: runs every benchmark in bench/, passing the arguments through
// (e.g. `pnpm bench -- --runs 3 --sizes 1000`). Benchmarks print figures; they are not tests.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const BENCHMARKS = ["graph.mjs", "up.mjs", "autogenerate.mjs"];

let failed = false;
for (const file of BENCHMARKS) {
  console.log(`\n=== ${file}`);
  const res = spawnSync(process.execPath, [join(here, file), ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  if (res.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
