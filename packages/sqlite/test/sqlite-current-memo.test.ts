import { readdirSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { current, RevisionMap, upgrade } from "@mig/core";
import { describeRows } from "@mig/core/internal/graph";
import { clockAhead, realNow, type ScriptSpec, type TestProject } from "@mig/dialect-tests";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sqliteProject } from "./test-project.js";

// What `mig current` shows of the version rows is kept in the graph memo
// (command/describe-rows.ts): a later run with the same rows and scripts builds no graph,
// and any change to the scripts is still seen.

beforeEach(() => clockAhead());
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

// The script index trusts files older than its racy window (2 s): date them a minute back,
// with the clock ahead of their ctimes (clockAhead).
function age(dir: string): void {
  const past = realNow() / 1000 - 60;
  for (const name of readdirSync(dir)) utimesSync(join(dir, name), past, past);
  utimesSync(dir, past, past);
}

const branches: ScriptSpec[] = [
  { revision: "c00000000001" },
  { revision: "c00000000002", down: "c00000000001", labels: ["left"] },
  { revision: "c00000000003", down: "c00000000001" },
];

async function project(): Promise<TestProject> {
  const { p } = await sqliteProject(branches);
  age(p.migrations);
  await upgrade({ ...p.options, target: "heads" });
  return p;
}

/** `mig current`'s answer, and whether working it out built the graph. */
async function described(p: TestProject) {
  const build = vi.spyOn(RevisionMap, "build");
  const { rows, project } = await current(p.options);
  const result = describeRows(project, rows);
  const built = build.mock.calls.length > 0;
  build.mockRestore();
  return { ...result, built };
}

describe("mig current from the graph memo", () => {
  it("answers a second time without building the graph, the same as the first", async () => {
    const p = await project();
    const first = await described(p);
    expect(first.built).toBe(true);
    expect(first.rows).toEqual(["c00000000002", "c00000000003"]);
    expect(first.revisions.map((r) => [r?.branchLabels, r?.isHead])).toEqual([
      [["left"], true],
      [[], true],
    ]);
    const second = await described(p);
    expect(second.built).toBe(false);
    expect(JSON.parse(JSON.stringify(second))).toEqual({
      ...JSON.parse(JSON.stringify(first)),
      built: false,
    });
  });

  it("sees a script added since: the row is no longer a head", async () => {
    const p = await project();
    await described(p);
    await described(p);
    p.write({ revision: "c00000000004", down: "c00000000003" }, 3);
    age(p.migrations);
    const after = await described(p);
    expect(after.built).toBe(true);
    expect(after.revisions.map((r) => [r?.revision, r?.isHead])).toEqual([
      ["c00000000002", true],
      ["c00000000003", false],
    ]);
  });

  it("keeps a row no script defines as such", async () => {
    const p = await project();
    const db = await current(p.options);
    // A row whose script was since removed: not in the graph.
    const rows = ["ffffffffffff", ...db.rows];
    const first = describeRows(db.project, rows);
    const again = describeRows((await current(p.options)).project, rows);
    expect(again).toEqual(first);
    expect(again.rows).toEqual(["c00000000002", "c00000000003", "ffffffffffff"]);
    expect(again.revisions[2]).toBeUndefined();
  });

  it("ignores a memo of values it cannot read", async () => {
    const p = await project();
    await described(p);
    const cacheDir = join(tmpdir(), `mig-cache-${process.getuid?.() ?? "user"}`);
    const files = readdirSync(cacheDir).filter((name) => name.endsWith(".values.json"));
    for (const name of files) writeFileSync(join(cacheDir, name), '{"values": [["current ');
    const after = await described(p);
    expect(after.rows).toEqual(["c00000000002", "c00000000003"]);
    expect(after.revisions[0]?.branchLabels).toEqual(["left"]);
  });
});
