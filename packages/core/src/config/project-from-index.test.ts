import { rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  agedProject,
  ageFile,
  clockAhead,
  HOUR,
  sqlScript,
  writeAged,
} from "../../test/aged-project.js";
import { heads } from "../command/heads.js";
import { IndexedScripts } from "../script/indexed-scripts.js";
import { openProject } from "./project.js";

const sql = (rev: string, down: string, message = `rev ${rev}`) =>
  sqlScript(rev, down, "", message);
const write = writeAged;
const oldDir = (dir: string) => ageFile(dir);

/** A project of three scripts whose caches go to its own node_modules, its graph built once. */
async function builtProject() {
  const p = agedProject(
    { "1_a.sql": sql("a", "none"), "2_b.sql": sql("b", "a"), "3_c.sql": sql("c", "b") },
    "mig-from-index-",
  );
  const first = await openProject({ cwd: p.root });
  await heads({ cwd: p.root }); // records that the graph built
  return { root: p.root, first, path: p.path };
}

describe("openProject from the script index", () => {
  beforeEach(() => clockAhead());
  afterEach(() => vi.useRealTimers());

  it("serves an unchanged, built project from the index, the same scripts as a full read", async () => {
    const { root, first } = await builtProject();
    const again = await openProject({ cwd: root });
    expect(again.catalog).toBeInstanceOf(IndexedScripts);
    expect(again.catalog.count).toBe(3);
    expect(again.catalog.revision(1)).toBe("b");
    expect(again.catalog.indexOf("c")).toBe(2);
    expect(again.catalog.indexOf("zz")).toBe(-1);
    expect(again.catalog.script(2)).toEqual(first.scripts[2]);
    expect(again.scripts).toEqual(first.scripts);
    expect([...again.scriptsById.keys()]).toEqual(["a", "b", "c"]);
    expect(again.map.rev("c").downRevisions).toEqual(["b"]);
    rmSync(root, { recursive: true, force: true });
  });

  it("reads the headers again after an edit that keeps the size", async () => {
    const { root, path } = await builtProject();
    write(path("2_b.sql"), sql("b", "a", "rev B"), HOUR / 2);
    const again = await openProject({ cwd: root });
    expect(again.catalog).not.toBeInstanceOf(IndexedScripts);
    expect(again.scripts[1]?.header.message).toBe("rev B");
    rmSync(root, { recursive: true, force: true });
  });

  it("reads the headers again when a script became a link, or was added", async () => {
    const { root, path } = await builtProject();
    rmSync(path("3_c.sql"));
    write(join(root, "c.txt"), sql("c", "b", "linked"));
    symlinkSync(join(root, "c.txt"), path("3_c.sql"));
    // The same directory mtime as before: only the file's own stat shows the change.
    oldDir(join(root, "m"));
    const linked = await openProject({ cwd: root });
    expect(linked.catalog).not.toBeInstanceOf(IndexedScripts);
    expect(linked.scripts[2]?.header.message).toBe("linked");

    write(path("4_d.sql"), sql("d", "c"));
    const added = await openProject({ cwd: root });
    expect(added.catalog).not.toBeInstanceOf(IndexedScripts);
    expect(added.scripts.map((s) => s.header.revision)).toEqual(["a", "b", "c", "d"]);
    rmSync(root, { recursive: true, force: true });
  });

  it("is used from the second run after a change, once the first built the graph", async () => {
    const { root, path } = await builtProject();
    write(path("4_d.sql"), sql("d", "c"));
    oldDir(join(root, "m"));
    const first = await openProject({ cwd: root }); // reads d, builds the graph, records it
    expect(first.catalog).not.toBeInstanceOf(IndexedScripts);
    const next = await openProject({ cwd: root });
    expect(next.catalog).toBeInstanceOf(IndexedScripts);
    expect(next.scripts.map((s) => s.header.revision)).toEqual(["a", "b", "c", "d"]);
    rmSync(root, { recursive: true, force: true });
  });

  it("never for a graph with an error: each run reads the scripts and reports it", async () => {
    const { root, path } = await builtProject();
    write(path("4_d.sql"), sql("d", "nope"));
    oldDir(join(root, "m"));
    await expect(openProject({ cwd: root })).rejects.toThrow(/nope/);
    await expect(openProject({ cwd: root })).rejects.toThrow(/nope/);
    rmSync(root, { recursive: true, force: true });
  });
});
