import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import { BIN, mig, tempDir } from "./run-cli.js";

// What each command loads, recorded by module hooks (no timings): the module graph is what
// start-up time is made of, so a command that loads code it does not use is a regression.

const CORE = fileURLToPath(new URL("../../../packages/core/dist/index.js", import.meta.url));
const CORE_DIR = fileURLToPath(new URL("../../../packages/core", import.meta.url));

/** Preload (`--import`) recording every module URL loaded, and every hooks registration. */
function recorder(dir: string): { preload: string; log: string } {
  const log = join(dir, "loaded.txt");
  const hooks = join(dir, "record-hooks.mjs");
  writeFileSync(
    hooks,
    `import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  appendFileSync(${JSON.stringify(log)}, url + "\\n");
  return next(url, context);
}
`,
  );
  const preload = join(dir, "record.mjs");
  writeFileSync(
    preload,
    `import { appendFileSync } from "node:fs";
import module, { syncBuiltinESMExports } from "node:module";
// CommonJS files (a driver required on first connection) do not pass the ESM hooks.
const load = module.Module._load;
module.Module._load = function (request, parent, isMain) {
  const loaded = load.call(this, request, parent, isMain);
  appendFileSync(${JSON.stringify(log)}, "require " + (request.startsWith("node:") ? request : module.Module._resolveFilename(request, parent, isMain)) + "\\n");
  return loaded;
};
const original = module.register;
original(${JSON.stringify(pathToFileURL(hooks).href)});
module.register = (...args) => {
  appendFileSync(${JSON.stringify(log)}, "register " + String(args[0]) + "\\n");
  return original(...args);
};
syncBuiltinESMExports();
`,
  );
  return { preload, log };
}

function loadedBy(dir: string, args: readonly string[], script?: string) {
  const { preload, log } = recorder(dir);
  writeFileSync(log, "");
  const r = spawnSync(process.execPath, ["--import", preload, script ?? BIN, ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "" },
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(0);
  const urls = readFileSync(log, "utf8").split("\n").filter(Boolean);
  const files = urls.filter((u) => u.startsWith("file:")).map((u) => fileURLToPath(u));
  // The code loaded, to look for functions by name (the build keeps names).
  const code = files
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");
  return { stdout: r.stdout, urls, code };
}

/** A SQLite project with a JSON config (no transpiler needed) and two revisions, migrated. */
function project(): string {
  const dir = tempDir();
  mkdirSync(join(dir, "migrations"));
  writeFileSync(join(dir, "mig.config.json"), '{ "url": "sqlite:./app.db" }\n');
  for (const rev of ["aaaaaaaaaaaa", "bbbbbbbbbbbb"]) {
    expect(mig(dir, ["revision", "-m", rev, "--rev-id", rev]).code).toBe(0);
  }
  const up = mig(dir, ["up"]);
  expect(up.code, up.stderr).toBe(0);
  return dir;
}

const COMPARATOR = [
  "function compareSchemas(",
  "function renderOperations(",
  "function renderSchemaModule(",
];

describe("each command loads only what it uses", () => {
  test("--version loads nothing but the bin stub", () => {
    const dir = tempDir();
    const run = loadedBy(dir, ["--version"]);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.urls.filter((u) => u.startsWith("file:") && !u.includes("record"))).toEqual([
      pathToFileURL(BIN).href,
    ]);
  });

  test("graph commands load no driver, dialect, transpiler, runner or other command", () => {
    const dir = project();
    for (const args of [
      ["heads"],
      ["history"],
      ["branches"],
      ["show", "head"],
      ["graph", "--no-db"],
      ["graph", "--no-db", "--format", "html"],
    ]) {
      const run = loadedBy(dir, args);
      // branches: a line has no branch points, so prints nothing.
      if (args[0] !== "branches") expect(run.stdout, args.join(" ")).toContain("bbbbbbbbbbbb");
      const text = run.urls.join("\n");
      expect(text).not.toMatch(/better-sqlite3|\/sucrase\/|ts-hooks|\/packages\/sqlite\//);
      expect(text).not.toMatch(/^register /m);
      // node:crypto costs milliseconds to load; nothing these commands do needs it.
      expect(text).not.toMatch(/^node:(crypto|vm)$/m);
      for (const name of [
        "function runPlanned(",
        "function runSteps(",
        "function upCommand(",
        "function revisionCommand(",
        "function checkCommand(",
        // No session either: only `history -i` and `graph` with a database read rows.
        "function withSession(",
        "function readRows(",
        ...COMPARATOR,
      ]) {
        expect(run.code.includes(name), `${args.join(" ")} loads ${name}`).toBe(false);
      }
    }
  });

  test("current and status read the database without the commands that run migrations", () => {
    const dir = project();
    for (const args of [["current"], ["status"]]) {
      const run = loadedBy(dir, args);
      expect(run.stdout, args.join(" ")).toContain("bbbbbbbbbbbb");
      expect(run.urls.join("\n")).toMatch(/better-sqlite3/);
      for (const name of ["function upCommand(", "function stampCommand(", ...COMPARATOR]) {
        expect(run.code.includes(name), `${args.join(" ")} loads ${name}`).toBe(false);
      }
    }
  });

  test("a command given alone loads no parser; with arguments, commander bundled, without child_process", () => {
    const dir = project();
    for (const args of [["up"], ["current"], ["heads"], ["history"]]) {
      const run = loadedBy(dir, args);
      expect(run.code.includes("function suggestSimilar("), args.join(" ")).toBe(false);
    }
    const run = loadedBy(dir, ["up", "head"]);
    const text = run.urls.join("\n");
    expect(run.code.includes("function suggestSimilar(")).toBe(true);
    // commander and picocolors are bundled into the CLI: no package lookup or CommonJS load.
    expect(text).not.toMatch(/\/(commander|picocolors)\//);
    // commander's child_process is for executable subcommands, which mig has none of.
    expect(text).toMatch(/^require (node:)?events$/m);
    expect(text).not.toMatch(/^require (node:)?child_process$/m);
  });

  test("a no-op `mig up` loads the driver but no comparator, renderer, transpiler or graph command", () => {
    const dir = project();
    const run = loadedBy(dir, ["up"]);
    const text = run.urls.join("\n");
    expect(text).toMatch(/better-sqlite3/);
    // The addon file is found directly, not by the \`bindings\` package's search.
    expect(text).not.toMatch(/\/bindings\//);
    expect(text).not.toMatch(/\/(commander|picocolors)\//);
    expect(text).not.toMatch(/\/sucrase\/|ts-hooks|^register /m);
    // With nothing to run, the script bundle (node:vm) and hashing (node:crypto) stay unloaded.
    expect(text).not.toMatch(/^node:(crypto|vm)$/m);
    // better-sqlite3's JavaScript comes inside the dialect's file: only its addon is required.
    expect(text).not.toMatch(/better-sqlite3\/lib\//);
    // A dozen of mig's files, not esbuild's ~46 chunks (scripts/merge-chunks.mjs).
    const own = run.urls.filter((u) => u.startsWith("file:") && /\/(packages|apps)\//.test(u));
    expect(own.length, own.join("\n")).toBeLessThanOrEqual(16);
    for (const name of [
      ...COMPARATOR,
      "function headsCommand(",
      "function revisionCommand(",
      "function runFleet(",
    ]) {
      expect(run.code.includes(name), `up loads ${name}`).toBe(false);
    }
  });

  test("the TypeScript hooks thread loads only its own code, not core's", () => {
    // ts-hooks.js runs in a thread of its own: its imports, read from the built files.
    const files = new Set<string>();
    const visit = (file: string) => {
      if (files.has(file)) return;
      files.add(file);
      const code = readFileSync(file, "utf8");
      for (const m of code.matchAll(/(?:from|import)\s*["'](\.[^"']+)["']/g)) {
        visit(join(file, "..", m[1] ?? ""));
      }
    };
    visit(join(CORE_DIR, "dist", "ts-hooks.js"));
    const code = [...files].map((f) => readFileSync(f, "utf8")).join("\n");
    for (const name of ["function openProject(", "function runPlanned(", "function buildGraph("]) {
      expect(code.includes(name), `ts-hooks loads ${name}`).toBe(false);
    }
  });

  test("offline `mig up --sql` loads no driver", () => {
    const dir = project();
    const run = loadedBy(dir, ["up", "--sql"]);
    expect(run.stdout).toContain("bbbbbbbbbbbb");
    expect(run.urls.join("\n")).not.toMatch(/better-sqlite3|\/bindings\//);
  });

  test("a TypeScript config importing only packages loads without the TypeScript hooks, edits seen", () => {
    const dir = project();
    mkdirSync(join(dir, "node_modules", "@mig"), { recursive: true });
    symlinkSync(CORE_DIR, join(dir, "node_modules", "@mig", "core"), "dir");
    const config = (location: string) =>
      `import { defineConfig } from "@mig/core";\nconst url: string = "sqlite:./app.db";\nexport default defineConfig({ url, scriptLocation: "${location}" });\n`;
    renameSync(join(dir, "mig.config.json"), join(dir, "old.json"));
    writeFileSync(join(dir, "mig.config.ts"), config("migrations"));
    // The first run transpiles it (Sucrase, in this thread); later ones read the cache.
    const first = loadedBy(dir, ["heads"]);
    expect(first.stdout).toBe("bbbbbbbbbbbb (head)\n");
    expect(first.urls.join("\n")).not.toMatch(/ts-hooks|^register /m);
    const again = loadedBy(dir, ["heads"]);
    expect(again.stdout).toBe("bbbbbbbbbbbb (head)\n");
    expect(again.urls.join("\n")).not.toMatch(/\/sucrase\/|ts-hooks|^register /m);
    mkdirSync(join(dir, "other"));
    writeFileSync(join(dir, "mig.config.ts"), config("other"));
    expect(loadedBy(dir, ["heads"]).stdout).toBe("");
  });

  test("an app's upgrade() from @mig/core loads no comparator, renderer, transpiler or fleet code", () => {
    const dir = project();
    const app = join(dir, "app.mjs");
    writeFileSync(
      app,
      `import { upgrade } from ${JSON.stringify(pathToFileURL(CORE).href)};
const result = await upgrade();
console.log(result.rows.join(","));
`,
    );
    const run = loadedBy(dir, [], app);
    expect(run.stdout).toBe("bbbbbbbbbbbb\n");
    expect(run.urls.join("\n")).not.toMatch(/\/sucrase\/|ts-hooks|^register /m);
    // The fleet functions @mig/core exports load their code on first call (lazy-fleet.ts).
    for (const name of [...COMPARATOR, "function runFleet(", "function prepareFleet("]) {
      expect(run.code.includes(name), `upgrade() loads ${name}`).toBe(false);
    }
    // Built-ins a no-op run does not use load on first use (core's script/node-builtin.ts).
    const builtins = run.urls.filter((u) =>
      /^node:(util|os|timers\/promises|fs\/promises)$/.test(u),
    );
    expect(builtins).toEqual([]);
  });
});
