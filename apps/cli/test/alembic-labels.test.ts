/**
 * `mig heads` / `mig history` / `mig history -v` against `alembic` itself (the apt
 * package, /usr/bin/python3) on the same graph: the printed lines must be the same.
 * Fails, never skips, when Alembic is missing.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { mig, sqliteProject, tempDir } from "./run-cli.js";

interface Rev {
  readonly id: string;
  readonly down: readonly string[];
  readonly dependsOn?: readonly string[];
  readonly label?: string;
}

// Two bases, branch points, a merge point, a label, dependsOn across the bases, and an
// effective head (lone0001's only child names it in dependsOn).
const GRAPH: readonly Rev[] = [
  { id: "root0001", down: [] },
  { id: "left0001", down: ["root0001"], label: "lefty" },
  { id: "rght0001", down: ["root0001"] },
  { id: "mrge0001", down: ["left0001", "rght0001"] },
  { id: "side0001", down: [] },
  { id: "tip00001", down: ["mrge0001"], dependsOn: ["side0001"] },
  { id: "lone0001", down: ["rght0001"] },
  { id: "late0001", down: ["side0001"], dependsOn: ["lone0001"] },
  { id: "late0002", down: ["late0001"] },
];

const message = (r: Rev) => `change ${r.id}`;

/** Alembic 1.8.1 lists files with os.listdir(); sort them as >= 1.10 (and mig) do. */
const ALEMBIC_MAIN = `
import sys
from alembic.script.base import Script
from alembic.config import main
_orig = Script._list_py_dir.__func__
Script._list_py_dir = classmethod(lambda cls, sd, path: sorted(_orig(cls, sd, path)))
main(argv=sys.argv[1:])
`;

function pyTuple(ids: readonly string[] | undefined): string {
  if (!ids || ids.length === 0) return "None";
  return ids.length === 1
    ? JSON.stringify(ids[0])
    : `(${ids.map((i) => JSON.stringify(i)).join(", ")})`;
}

function alembicProject(): string {
  const dir = tempDir("mig-alembic-");
  mkdirSync(join(dir, "proj", "versions"), { recursive: true });
  writeFileSync(join(dir, "alembic.ini"), "[alembic]\nscript_location = proj\n");
  writeFileSync(join(dir, "proj", "env.py"), "");
  GRAPH.forEach((r, i) => {
    const text = [
      `"""${message(r)}"""`,
      `revision = ${JSON.stringify(r.id)}`,
      `down_revision = ${pyTuple(r.down)}`,
      `branch_labels = ${r.label ? `(${JSON.stringify(r.label)},)` : "None"}`,
      `depends_on = ${pyTuple(r.dependsOn)}`,
      "def upgrade():\n    pass",
      "def downgrade():\n    pass",
      "",
    ].join("\n");
    writeFileSync(join(dir, "proj", "versions", `${String(i).padStart(2, "0")}_${r.id}.py`), text);
  });
  return dir;
}

function migProject(): string {
  const dir = sqliteProject();
  GRAPH.forEach((r, i) => {
    const text = [
      `-- revision: ${r.id}`,
      `-- down_revision: ${r.down.length ? r.down.join(", ") : "none"}`,
      r.label ? `-- branch_labels: ${r.label}` : "",
      r.dependsOn ? `-- depends_on: ${r.dependsOn.join(", ")}` : "",
      `-- message: ${message(r)}`,
      "-- migrate:up",
      "-- migrate:down",
      "",
    ].join("\n");
    writeFileSync(join(dir, "migrations", `${String(i).padStart(2, "0")}_${r.id}.sql`), text);
  });
  return dir;
}

function alembic(dir: string, args: readonly string[]): string {
  const r = spawnSync("/usr/bin/python3", ["-c", ALEMBIC_MAIN, ...args], {
    cwd: dir,
    encoding: "utf8",
  });
  if (r.error || r.status !== 0) {
    throw new Error(
      `alembic ${args.join(" ")} failed (${r.error?.message ?? r.stderr.trim().split("\n").pop()}). ` +
        "Alembic is the reference for these tests: install python3-alembic (`bash scripts/ensure-tools.sh --databases`).",
    );
  }
  return r.stdout;
}

/** The lines of a verbose entry that describe the graph (not the file path or docstring). */
function entryLines(text: string): string[] {
  return text
    .split("\n")
    .filter((l) => /^(Rev|Parent|Merges|Also depends on|Branches into|Branch names): /.test(l))
    .map((l) =>
      // Alembic 1.8.1 keeps children in a frozenset: compare them as a set.
      l.startsWith("Branches into: ")
        ? `Branches into: ${l.slice(15).split(", ").sort().join(", ")}`
        : l,
    );
}

describe("heads and history print what Alembic prints", () => {
  let alembicDir = "";
  let migDir = "";
  beforeAll(() => {
    alembicDir = alembicProject();
    migDir = migProject();
  });

  test("heads", () => {
    const expected = alembic(alembicDir, ["heads"]);
    expect(expected).toContain("(effective head)");
    expect(mig(migDir, ["heads"]).stdout).toBe(expected);
  });

  test("heads --resolve-dependencies", () => {
    const expected = alembic(alembicDir, ["heads", "--resolve-dependencies"]);
    expect(expected).not.toContain("lone0001");
    expect(mig(migDir, ["heads", "--resolve-dependencies"]).stdout).toBe(expected);
  });

  test("history", () => {
    const expected = alembic(alembicDir, ["history"]);
    expect(expected).toContain("(effective head)");
    expect(mig(migDir, ["history"]).stdout).toBe(expected);
  });

  test("history -v (the graph lines of each entry)", () => {
    const expected = entryLines(alembic(alembicDir, ["history", "-v"]));
    expect(expected.length).toBeGreaterThan(GRAPH.length);
    expect(entryLines(mig(migDir, ["history", "-v"]).stdout)).toEqual(expected);
  });

  test("heads -v", () => {
    const expected = entryLines(alembic(alembicDir, ["heads", "-v"]));
    expect(entryLines(mig(migDir, ["heads", "-v"]).stdout)).toEqual(expected);
  });
});
