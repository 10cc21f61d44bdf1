import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clockAhead, realNow } from "../../test/aged-project.js";
import { openProject, type Project } from "../config/project.js";
import { plannedUpgrade } from "./planned-upgrade.js";

const HOUR = 3_600_000;

const sql = (rev: string, down: string) =>
  `-- revision: ${rev}\n-- down_revision: ${down}\n-- message: rev ${rev}\n-- migrate:up\n`;

/** Writes a file an hour old: outside the script index's racy window. */
function write(path: string, text: string): void {
  writeFileSync(path, text);
  const t = new Date(realNow() - HOUR);
  utimesSync(path, t, t);
}

/** A project whose caches (index, graph memo) go to its own node_modules/.cache/mig. */
function project(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), "mig-plan-"));
  mkdirSync(join(root, "node_modules"));
  mkdirSync(join(root, "m"));
  for (const [name, text] of Object.entries(files)) write(join(root, "m", name), text);
  write(join(root, "mig.config.json"), JSON.stringify({ url: "nodb://x", scriptLocation: "m" }));
  return { root, add: (name: string, text: string) => write(join(root, "m", name), text) };
}

/** The project as a run sees it, whose revision graph must not be built. */
function withoutGraph(opened: Project): Project {
  return Object.create(opened, {
    map: {
      get() {
        throw new Error("the revision graph was built");
      },
    },
  });
}

const ids = (steps: readonly { revision: string }[]) => steps.map((s) => s.revision);

describe("an `up --sql` plan", () => {
  beforeEach(() => clockAhead());
  afterEach(() => vi.useRealTimers());

  it("is planned again from the graph memo, without building the graph", async () => {
    const p = project({
      "1.sql": sql("a", "none"),
      "2.sql": sql("b", "a"),
      "3.sql": sql("c", "b"),
    });
    const first = plannedUpgrade(await openProject({ cwd: p.root }), [], "heads");
    expect(ids(first)).toEqual(["a", "b", "c"]);
    const again = plannedUpgrade(withoutGraph(await openProject({ cwd: p.root })), [], "heads");
    expect(again).toEqual(first);
  });

  it("is worked out anew for another start or target, or once a script is added", async () => {
    const p = project({
      "1.sql": sql("a", "none"),
      "2.sql": sql("b", "a"),
      "3.sql": sql("c", "b"),
    });
    plannedUpgrade(await openProject({ cwd: p.root }), [], "heads");
    const opened = await openProject({ cwd: p.root });
    expect(() => plannedUpgrade(withoutGraph(opened), ["a"], "heads")).toThrow(/graph/);
    expect(ids(plannedUpgrade(opened, ["a"], "heads"))).toEqual(["b", "c"]);
    expect(ids(plannedUpgrade(opened, [], "b"))).toEqual(["a", "b"]);
    p.add("4.sql", sql("d", "c"));
    expect(ids(plannedUpgrade(await openProject({ cwd: p.root }), [], "heads"))).toEqual([
      "a",
      "b",
      "c",
      "d",
    ]);
  });
});
