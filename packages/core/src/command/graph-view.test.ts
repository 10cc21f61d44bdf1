import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { agedProject, clockAhead, HOUR, sqlScript, writeAged } from "../../test/aged-project.js";
import { branches } from "./branches.js";
import { heads } from "./heads.js";
import { history } from "./history.js";
import { show } from "./show.js";

const sql = (rev: string, down: string, extra = "") => sqlScript(rev, down, extra);
const write = writeAged;
const project = (files: Record<string, string>) => agedProject(files, "mig-view-");

/** What the graph commands print of a project, in short. */
async function commands(cwd: string) {
  const marks = (r: { isHead: boolean; isBranchPoint: boolean; isMergePoint: boolean }) =>
    (r.isHead ? " head" : "") + (r.isBranchPoint ? " bp" : "") + (r.isMergePoint ? " mp" : "");
  return {
    heads: (await heads({ cwd })).heads.map((r) => r.revision),
    realHeads: (await heads({ cwd, resolveDependencies: true })).heads.map((r) => r.revision),
    history: (await history({ cwd })).revisions.map(
      (r) => `${r.downRevisions.join(",")} -> ${r.revision} [${r.branchLabels}]${marks(r)}`,
    ),
    branches: (await branches({ cwd })).branchPoints.map(
      (p) => `${p.revision}: ${p.branches.map((b) => b.revision)}`,
    ),
    showA: (await show({ cwd, revisions: ["a"] })).revisions.map((r) => `${r.children}`),
  };
}

const summaries = (dir: string) => readdirSync(dir).filter((n) => n.endsWith(".summary.json"));

describe("graph commands from a saved summary", () => {
  beforeEach(() => clockAhead());
  afterEach(() => vi.useRealTimers());

  const files = () => ({
    "a.sql": sql("a", "none", "-- branch_labels: main\n"),
    "b.sql": sql("b", "a"),
    "c.sql": sql("c", "b"),
    "d.sql": sql("d", "none", "-- depends_on: a\n"),
  });
  const first = {
    heads: ["c", "d"],
    realHeads: ["c", "d"],
    history: ["b -> c [main] head", "a -> b [main]", " -> d [] head", " -> a [main]"],
    branches: [],
    showA: ["b"],
  };

  it("saves a summary, and a second run reads the same from it", async () => {
    const p = project(files());
    expect(await commands(p.root)).toEqual(first);
    expect(summaries(p.cacheDir)).toHaveLength(1);
    expect(await commands(p.root)).toEqual(first);
  });

  it("sees an edited down revision", async () => {
    const p = project(files());
    expect(await commands(p.root)).toEqual(first);
    write(p.path("c.sql"), sql("c", "a"), HOUR / 2);
    expect(await commands(p.root)).toEqual({
      heads: ["b", "c", "d"],
      realHeads: ["b", "c", "d"],
      history: ["a -> b [main] head", "a -> c [main] head", " -> d [] head", " -> a [main] bp"],
      branches: ["a: b,c"],
      showA: ["b,c"],
    });
  });

  it("sees an added, a removed and a renamed script", async () => {
    const p = project(files());
    expect(await commands(p.root)).toEqual(first);
    write(p.path("e.sql"), sql("e", "a"), HOUR / 2);
    const added = await commands(p.root);
    expect(added.heads).toEqual(["c", "d", "e"]);
    expect(added.branches).toEqual(["a: b,e"]);
    rmSync(p.path("c.sql"));
    const removed = await commands(p.root);
    expect(removed.heads).toEqual(["b", "d", "e"]);
    expect(removed.history).toEqual([
      "a -> b [main] head",
      " -> d [] head",
      "a -> e [main] head",
      " -> a [main] bp",
    ]);
    // Load order is file-name order: the heads come in a new order.
    renameSync(p.path("b.sql"), p.path("z.sql"));
    const renamed = await commands(p.root);
    expect(renamed.heads).toEqual(["d", "e", "b"]);
    expect(renamed.showA).toEqual(["e,b"]);
  });

  it("ignores a summary file it cannot read", async () => {
    const p = project(files());
    expect(await commands(p.root)).toEqual(first);
    for (const name of summaries(p.cacheDir)) writeFileSync(join(p.cacheDir, name), "{");
    expect(await commands(p.root)).toEqual(first);
  });

  it("ignores a summary of another format", async () => {
    const p = project(files());
    expect(await commands(p.root)).toEqual(first);
    for (const name of summaries(p.cacheDir)) {
      const file = join(p.cacheDir, name);
      const saved = JSON.parse(readFileSync(file, "utf8"));
      // Read as this format, it would say there are no heads.
      saved.data = { ...saved.data, format: 0, flags: saved.data.flags.map(() => 0) };
      writeFileSync(file, JSON.stringify(saved));
    }
    expect(await commands(p.root)).toEqual(first);
  });
});
