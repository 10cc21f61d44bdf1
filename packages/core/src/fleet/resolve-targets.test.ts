import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../config/load-config.js";
import { isMigError } from "../errors/mig-error.js";
import { resolveTargets } from "./resolve-targets.js";
import { fleetConcurrency } from "./run-fleet.js";
import { upgradeAll } from "./upgrade-all.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project directory with `mig.config.mjs` exporting `body` and an empty migrations dir. */
function project(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), "mig-fleet-resolve-"));
  dirs.push(dir);
  mkdirSync(join(dir, "migrations"));
  writeFileSync(join(dir, "mig.config.mjs"), `export default ${body};\n`);
  return dir;
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isMigError(error)) throw new Error(`expected a MigError, got ${String(error)}`);
  return { code: error.code, message: error.message, hint: error.hint, usage: error.usage };
}

describe("resolveTargets", () => {
  it("takes the config's list, and select keeps the fleet's order", async () => {
    const cwd = project(
      `{ targets: [{ name: "a", url: "sqlite:///a.db" }, { name: "b" }, { name: "c", schema: "t_c" }] }`,
    );
    expect(await resolveTargets({ cwd })).toEqual([
      { name: "a", url: "sqlite:///a.db" },
      { name: "b" },
      { name: "c", schema: "t_c" },
    ]);
    expect((await resolveTargets({ cwd, select: ["c", "a"] })).map((t) => t.name)).toEqual([
      "a",
      "c",
    ]);
  });

  it("refuses an unknown selected name, listing the known ones", async () => {
    const cwd = project(`{ targets: [{ name: "a" }, { name: "b" }] }`);
    expect(await failure(resolveTargets({ cwd, select: ["a", "zz"] }))).toEqual({
      code: "unknown_target",
      message: "No target named 'zz' in the fleet.",
      hint: "Known targets: a, b.",
      usage: true,
    });
  });

  it("calls the targets() hook with the -x arguments", async () => {
    const cwd = project(
      `{ targets: async ({ x }) => x.tenants.split(",").map((name) => ({ name, schema: "s_" + name })) }`,
    );
    expect(await resolveTargets({ cwd, x: { tenants: "acme,globex" } })).toEqual([
      { name: "acme", schema: "s_acme" },
      { name: "globex", schema: "s_globex" },
    ]);
  });

  it("names the hook when it throws or returns something else than a list", async () => {
    const throws = project(`{ targets: () => { throw new Error("tenant service down"); } }`);
    const thrown = await failure(resolveTargets({ cwd: throws }));
    expect(thrown).toMatchObject({ code: "targets_hook_failed", usage: false });
    expect(thrown.message).toBe("The targets() hook in mig.config.mjs failed: tenant service down");
    const object = project(`{ targets: () => ({ name: "a" }) }`);
    const returned = await failure(resolveTargets({ cwd: object }));
    expect(returned.message).toBe(
      `mig.config.mjs: the targets() hook's result must be an array of targets (got {"name":"a"}).`,
    );
    const nameless = project(`{ targets: () => [{ name: "a" }, { url: "sqlite:///b.db" }] }`);
    expect((await failure(resolveTargets({ cwd: nameless }))).message).toBe(
      "mig.config.mjs: the targets() hook's result[1] has no name.",
    );
  });

  it("makes each entry of databases a target when there is no targets key", async () => {
    const cwd = project(`{ databases: { main: { url: "sqlite:///m.db" }, audit: {} } }`);
    expect(await resolveTargets({ cwd })).toEqual([
      { name: "main", database: "main" },
      { name: "audit", database: "audit" },
    ]);
  });

  it("says to add targets when the config names no fleet", async () => {
    const cwd = project(`{ url: "sqlite:///app.db" }`);
    const error = await failure(resolveTargets({ cwd }));
    expect(error).toMatchObject({ code: "no_targets", usage: true });
    expect(error.message).toBe("mig.config.mjs names no targets to run.");
    expect(error.hint).toMatch(/Add `targets: \[/);
  });
});

describe("the config's targets list", () => {
  const bad: [string, string, string][] = [
    ["not a list", `{ name: "a" }`, `targets must be an array of targets (got {"name":"a"})`],
    ["an entry not an object", `["a"]`, `targets[0] must be an object (got "a")`],
    ["no name", `[{ name: "a" }, { url: "x" }]`, "targets[1] has no name."],
    ["a name not a string", `[{ name: 5 }]`, "targets[0] has no name (got 5)."],
    [
      "a duplicate name",
      `[{ name: "a" }, { name: "b" }, { name: "a" }]`,
      "two targets are named 'a' (targets[0] and [2])",
    ],
    [
      "a url not a string",
      `[{ name: "a", url: 5 }]`,
      "target 'a': 'url' must be a non-empty string (got number)",
    ],
    [
      "a schema not a string",
      `[{ name: "a", schema: ["x"] }]`,
      `target 'a': 'schema' must be a non-empty string (got ["x"])`,
    ],
    ["an unknown key", `[{ name: "a", uri: "x" }]`, "target 'a' has an unknown key 'uri'"],
  ];
  it.each(bad)("refuses %s, naming the entry and the fix", async (_label, list, message) => {
    const cwd = project(`{ targets: ${list} }`);
    const error = await failure(loadConfig(cwd));
    expect(error).toMatchObject({ code: "config_invalid", usage: true });
    expect(error.message).toContain(message);
    expect(error.message.startsWith("mig.config.mjs: ")).toBe(true);
    expect(error.hint).toBeTruthy();
  });

  it("is not allowed inside a databases entry", async () => {
    const cwd = project(`{ databases: { a: { targets: [] } } }`);
    expect((await failure(loadConfig(cwd))).message).toContain("unknown key 'targets'");
  });
});

describe("a fleet's concurrency", () => {
  it("defaults to 4 and must be a whole number ≥ 1", async () => {
    expect(fleetConcurrency(undefined)).toBe(4);
    expect(fleetConcurrency(16)).toBe(16);
    for (const bad of [0, -1, 1.5, Number.NaN, "4"]) {
      expect(() => fleetConcurrency(bad)).toThrow(/whole number ≥ 1/);
    }
  });

  it("is checked before any target runs", async () => {
    // The URL's dialect is not even installed: nothing is resolved or opened.
    const cwd = project(`{ targets: [{ name: "a", url: "nosuchdb://host/x" }] }`);
    const error = await failure(upgradeAll(undefined, { cwd, concurrency: 0 }));
    expect(error).toEqual({
      code: "invalid_concurrency",
      message: "The concurrency must be a whole number ≥ 1 (got 0).",
      hint: "For example --concurrency 4 (the default).",
      usage: true,
    });
  });

  it("refuses --sql for a fleet", async () => {
    const cwd = project(`{ targets: [{ name: "a", url: "nosuchdb://host/x" }] }`);
    expect(await failure(upgradeAll(undefined, { cwd, sql: true }))).toMatchObject({
      code: "fleet_offline",
      usage: true,
    });
  });

  it("a target without a URL is a usage error before anything runs", async () => {
    const cwd = project(`{ targets: [{ name: "a", url: "nosuchdb://host/x" }, { name: "b" }] }`);
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      const error = await failure(upgradeAll(undefined, { cwd }));
      expect(error).toMatchObject({ code: "no_url", usage: true });
      expect(error.message).toBe("Target 'b' has no database URL.");
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
  });
});
