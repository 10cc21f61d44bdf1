#!/usr/bin/env node
// The README's Install and Quick start, run verbatim in a new npm project from packed
// tarballs of @mig/core, @mig/cli and @mig/sqlite (as a user installs them from the
// registry). The commands are read from README.md itself; the only substitutions are the
// tarball paths for the package names in `npm install`, and `npx --no-install mig` for a
// bare `mig` (which is not on PATH). Needs `pnpm run build` first and the npm registry
// (for commander, sucrase, better-sqlite3). better-sqlite3's native build is taken from the
// workspace's own (same version, same Node ABI) as a local prebuild, so the run does not
// compile SQLite for minutes; MIG_TARBALL_BUILD_SQLITE=1 lets npm build it as a user's would.
// Prints `tarball check: ok` or what failed.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const PACKAGES = {
  "@mig/core": "packages/core",
  "@mig/cli": "apps/cli",
  "@mig/sqlite": "packages/sqlite",
};
const keep = process.argv.includes("--keep");

function fail(message) {
  console.error(`tarball check: FAILED: ${message}`);
  process.exit(1);
}

/** The commands of the first ```sh block after a `## heading` of the README, comments cut. */
function readmeCommands(heading) {
  const text = readFileSync(join(root, "README.md"), "utf8");
  const at = text.indexOf(`\n## ${heading}\n`);
  if (at < 0) fail(`README.md has no "## ${heading}" section`);
  const block = /```sh\n([\s\S]*?)```/.exec(text.slice(at));
  if (!block) fail(`README.md's ${heading} section has no sh block`);
  return block[1]
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line.length > 0);
}

for (const dir of Object.values(PACKAGES)) {
  if (!existsSync(join(root, dir, "dist"))) fail(`${dir}/dist is missing: run pnpm run build`);
}
const work = mkdtempSync(join(tmpdir(), "mig-tarballs-"));
const tarballs = join(work, "tarballs");
const app = join(work, "app");
const tarballFor = {};
for (const [name, dir] of Object.entries(PACKAGES)) {
  const before = new Set(existsSync(tarballs) ? readdirSync(tarballs) : []);
  execFileSync("pnpm", ["pack", "--pack-destination", tarballs], {
    cwd: join(root, dir),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const made = readdirSync(tarballs).find((f) => !before.has(f));
  if (!made) fail(`pnpm pack made no tarball for ${name}`);
  tarballFor[name] = join(tarballs, made);
}

/** A prebuild-install tarball of the workspace's better-sqlite3 binary, if it has one. */
function localSqlitePrebuild() {
  if (process.env.MIG_TARBALL_BUILD_SQLITE === "1") return {};
  const require = createRequire(join(root, PACKAGES["@mig/sqlite"], "package.json"));
  const pkgFile = require.resolve("better-sqlite3/package.json");
  const binary = join(dirname(pkgFile), "build", "Release", "better_sqlite3.node");
  if (!existsSync(binary)) return {};
  const { version } = JSON.parse(readFileSync(pkgFile, "utf8"));
  const dir = join(work, "prebuilds");
  execFileSync("mkdir", ["-p", dir]);
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  execFileSync("tar", [
    "-czf",
    join(dir, name),
    "-C",
    dirname(pkgFile),
    "build/Release/better_sqlite3.node",
  ]);
  return { npm_config_better_sqlite3_local_prebuilds: dir };
}
const prebuild = localSqlitePrebuild();

execFileSync("mkdir", ["-p", app]);
writeFileSync(
  join(app, "package.json"),
  `${JSON.stringify({ name: "app", version: "1.0.0", private: true }, null, 2)}\n`,
);

// A user's shell: no DATABASE_URL, so the config's SQLite default is used.
const { DATABASE_URL: _unset, ...userEnv } = process.env;
const env = { ...userEnv, NO_COLOR: "1", npm_config_fund: "false" };
const transcript = [];
let cwd = app;
/** Runs one README line in a shell; `cd` changes the directory of the lines after it. */
function run(line) {
  let command = line;
  if (/^npm install\b/.test(command)) {
    for (const [name, file] of Object.entries(tarballFor)) {
      command = command.replace(new RegExp(`(?<=\\s)${name}(?=\\s|$)`), file);
    }
  }
  const parts = command.split(/\s*&&\s*/);
  let output = "";
  for (let part of parts) {
    if (/^cd\s/.test(part)) {
      cwd = join(cwd, part.slice(3).trim());
      continue;
    }
    part = part.replace(/^mig\s/, "npx --no-install mig ");
    const r = spawnSync("sh", ["-c", part], {
      cwd,
      encoding: "utf8",
      env: /^npm install\b/.test(part) ? { ...env, ...prebuild } : env,
    });
    transcript.push(`$ ${part}\n${r.stdout}${r.stderr}`);
    if (r.status !== 0) {
      console.error(transcript.join("\n"));
      fail(`\`${part}\` exited ${r.status} (in ${cwd})`);
    }
    output += r.stdout + r.stderr;
  }
  return output;
}

const results = new Map();
for (const line of [...readmeCommands("Install"), ...readmeCommands("Quick start")]) {
  results.set(line, run(line));
}

// What a user sees: two scripts, `up` to the second, `down -1` back to the first.
const db = cwd;
// In the order the README's `mig revision -m "..."` lines wrote them (same-minute file
// names sort by id, not by age).
// README lines may spell `mig` bare or as `npx --no-install mig`.
const bare = (line) => line.replace(/^npx --no-install /, "");
const messages = [...results.keys()]
  .map(bare)
  .map((line) => /^mig revision -m "([^"]+)"/.exec(line)?.[1])
  .filter(Boolean);
const files = readdirSync(join(db, "migrations"));
const scripts = messages.map((m) =>
  files.find((f) => f.endsWith(`_${m.toLowerCase().replace(/[^a-z0-9]+/g, "_")}.ts`)),
);
const ids = scripts.map((f) => (f ? /^\d{8}_\d{4}_([0-9a-f]{12})_/.exec(f)?.[1] : undefined));
const check = (ok, message) => {
  if (!ok) {
    console.error(transcript.join("\n"));
    fail(message);
  }
};
check(ids.length === 2 && ids.every(Boolean), `expected two scripts, found ${files}`);
const find = (prefix) => [...results].find(([line]) => bare(line).startsWith(prefix))?.[1] ?? "";
check(find("mig current").includes(`${ids[1]} (head)`), "current after up is not the head");
const history = find("mig history")
  .split("\n")
  .filter((l) => l.includes(" -> "));
check(
  history.length === 2 &&
    history[0]?.includes(`-> ${ids[1]}`) === true &&
    history[1]?.includes(`<base> -> ${ids[0]}`) === true,
  "history does not list both revisions, newest first",
);
const after = spawnSync("npx", ["--no-install", "mig", "current"], {
  cwd: db,
  env,
  encoding: "utf8",
});
check(after.stdout.trim() === ids[0], `after down -1 the database is at ${after.stdout.trim()}`);
check(!existsSync(join(app, "node_modules", "jiti")), "jiti was installed");
check(existsSync(join(app, "mig.config.ts")), "npx --no-install mig init wrote no mig.config.ts");

console.log(transcript.join("\n"));
if (!keep) rmSync(work, { recursive: true, force: true });
console.log(
  `tarball check: ok (${Object.keys(PACKAGES).join(", ")}; README install and quick start)`,
);
