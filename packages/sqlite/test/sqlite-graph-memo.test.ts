import { readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  downgrade,
  MissingDownRevisionError,
  MultipleHeadsError,
  RevisionMap,
  upgrade,
} from "@mig/core";
import { clockAhead, realNow, type ScriptSpec, type TestProject } from "@mig/dialect-tests";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sqliteProject } from "./test-project.js";

// A no-op `up` at head answers from the graph memo (script/graph-memo.ts) without building
// the graph; anything that changes a script's header must still be seen.

beforeEach(() => clockAhead());
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

async function project(scripts: readonly ScriptSpec[]): Promise<{ p: TestProject; file: string }> {
  const made = await sqliteProject(scripts);
  age(made.p.migrations);
  return made;
}

// The script index trusts a file only once it is older than its racy window (2 s): files
// written by a test are dated a minute back, as files of a real project are, and the clock
// runs ahead of their ctimes (clockAhead).
function age(dir: string): void {
  const past = realNow() / 1000 - 60;
  for (const name of readdirSync(dir)) utimesSync(join(dir, name), past, past);
  utimesSync(dir, past, past);
}

const rows = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    const all = db.prepare("SELECT version_num FROM mig_version").all() as {
      version_num: string;
    }[];
    return all.map((r) => r.version_num).sort();
  } finally {
    db.close();
  }
};

const three: ScriptSpec[] = [
  { revision: "m00000000001" },
  { revision: "m00000000002", down: "m00000000001" },
  { revision: "m00000000003", down: "m00000000002" },
];

/** Runs `up` to head until a run builds no graph (the second no-op at the latest). */
async function atHeadRemembered(p: TestProject): Promise<void> {
  await upgrade(p.options);
  await upgrade(p.options); // the first no-op at head records it
  const build = vi.spyOn(RevisionMap, "build");
  const result = await upgrade(p.options);
  expect(result.steps).toEqual([]);
  expect(build).not.toHaveBeenCalled();
  build.mockRestore();
}

describe("a no-op up on an unchanged project", () => {
  it("builds no graph once a run at the same rows found nothing to do", async () => {
    const { p, file } = await project(three);
    await atHeadRemembered(p);
    expect(rows(file)).toEqual(["m00000000003"]);
  });

  it("still runs a script added since", async () => {
    const { p, file } = await project(three);
    await atHeadRemembered(p);
    p.write({ revision: "m00000000004", down: "m00000000003" }, 3);
    age(p.migrations);
    const result = await upgrade(p.options);
    expect(result.steps.map((s) => s.revision)).toEqual(["m00000000004"]);
    expect(rows(file)).toEqual(["m00000000004"]);
  });

  it("sees a script edited in place to add a head (same size, an older mtime)", async () => {
    const { p, file } = await project(three);
    await atHeadRemembered(p);
    p.write({ revision: "m00000000004", down: "m00000000003" }, 3);
    age(p.migrations);
    await upgrade(p.options);
    await atHeadRemembered(p);
    // m00000000004 now branches off m00000000002: the database's m00000000003 is a second
    // head. Same length of text; an older mtime than before.
    const path = join(p.migrations, "0003_m00000000004.ts");
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.replace('"m00000000003";', '"m00000000002";'));
    const past = realNow() / 1000 - 120;
    utimesSync(path, past, past);
    await expect(upgrade(p.options)).rejects.toBeInstanceOf(MultipleHeadsError);
    expect(rows(file)).toEqual(["m00000000004"]);
  });

  it("reports a broken graph rather than nothing to do", async () => {
    const { p } = await project(three);
    await atHeadRemembered(p);
    const path = join(p.migrations, "0002_m00000000003.ts");
    writeFileSync(path, readFileSync(path, "utf8").replace('"m00000000002"', '"m0000000000x"'));
    age(p.migrations);
    await expect(upgrade(p.options)).rejects.toBeInstanceOf(MissingDownRevisionError);
  });

  it("plans from rows it has no fact for", async () => {
    const { p, file } = await project(three);
    await atHeadRemembered(p);
    await downgrade({ ...p.options, target: "m00000000001" });
    const result = await upgrade(p.options);
    expect(result.steps.map((s) => s.revision)).toEqual(["m00000000002", "m00000000003"]);
    expect(rows(file)).toEqual(["m00000000003"]);
  });

  it("ignores a memo file it cannot read", async () => {
    const { p, file } = await project(three);
    await atHeadRemembered(p);
    // No node_modules above a temporary directory: the caches are in the per-user one.
    const cacheDir = join(tmpdir(), `mig-cache-${process.getuid?.() ?? "user"}`);
    const memos = readdirSync(cacheDir)
      .filter((name) => name.startsWith("graph-"))
      .map((name) => join(cacheDir, name))
      .filter((path) => readFileSync(path, "utf8").includes(p.migrations));
    expect(memos).toHaveLength(1);
    writeFileSync(memos[0]!, '{"version": "1 dev", "facts": [');
    const build = vi.spyOn(RevisionMap, "build");
    expect((await upgrade(p.options)).steps).toEqual([]);
    expect(build).toHaveBeenCalledOnce();
    expect(rows(file)).toEqual(["m00000000003"]);
  });
});
