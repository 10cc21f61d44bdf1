import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { mig, sqliteProject } from "./run-cli.js";

/** A SQL migration that creates (and drops) a table named after its revision. */
function script(dir: string, revision: string, down: string, dependsOn = ""): void {
  writeFileSync(
    join(dir, "migrations", `${revision}.sql`),
    [
      `-- revision: ${revision}`,
      `-- down_revision: ${down}`,
      dependsOn ? `-- depends_on: ${dependsOn}` : "",
      `-- message: ${revision}`,
      "-- migrate:up",
      `CREATE TABLE t_${revision} (id INTEGER);`,
      "-- migrate:down",
      `DROP TABLE t_${revision};`,
      "",
    ].join("\n"),
  );
}

/** root - left - mrge (merge of left and rght) - tip0; rght from root too. */
function diamond(): string {
  const dir = sqliteProject();
  script(dir, "root0000", "none");
  script(dir, "left0000", "root0000");
  script(dir, "rght0000", "root0000");
  script(dir, "mrge0000", "left0000, rght0000");
  return dir;
}

const rows = (dir: string) => JSON.parse(mig(dir, ["current", "--json"]).stdout).rows as string[];

/** stderr without the trailing newline, for exact two-line messages. */
/** The error, without the `Using <url> (<dialect>)` line that run commands start with. */
const said = (r: { stderr: string }) => r.stderr.replace(/^Using .*\n/, "").trimEnd();

describe("relative steps say plainly what is wrong", () => {
  test.each([
    {
      args: ["down", "+1"],
      text: "Error: '+1' moves up, but a downgrade only moves down.\nUse `mig up +1` to apply migrations, or `mig down -1` to undo them.",
    },
    {
      args: ["up", "-1"],
      text: "Error: '-1' moves down, but an upgrade only moves up.\nUse `mig down -1` to undo migrations, or `mig up +1` to apply them.",
    },
    {
      args: ["down", "-1"],
      text: "Error: The database is at base: there is nothing to downgrade.\n`mig current` shows the version table; `mig history` lists the revisions.",
    },
  ])("mig $args.0 $args.1 at base", ({ args, text }) => {
    const dir = diamond();
    const r = mig(dir, args);
    expect(r.code).toBe(2);
    expect(said(r)).toBe(text);
  });

  test("down -N past base and up +N past the head say how far they could go", () => {
    const dir = diamond();
    expect(mig(dir, ["up", "left0000"]).code).toBe(0);
    const down = mig(dir, ["down", "-3"]);
    expect(down.code).toBe(2);
    expect(said(down)).toBe(
      "Error: '-3' goes below base: the database is at left0000, only 2 steps above base.\nUse a smaller step, or `mig down base` to undo every migration.",
    );
    const up = mig(dir, ["up", "+2"]);
    expect(up.code).toBe(2);
    expect(said(up)).toBe(
      "Error: '+2' goes past the head: the database is at left0000, only 1 step below a head.\nUse a smaller step, or `mig up head` (`heads` for every branch) to apply everything.",
    );
    expect(rows(dir)).toEqual(["left0000"]);
  });

  test("down -1 at a merge point names it and suggests a downgrade that works", () => {
    const dir = diamond();
    expect(mig(dir, ["up", "head"]).code).toBe(0);
    const r = mig(dir, ["down", "-1"]);
    expect(r.code).toBe(2);
    expect(said(r)).toBe(
      "Error: Cannot step down from mrge0000 by a relative number: it is a merge point of left0000, rght0000.\n" +
        "Downgrade to one of its parents by id instead: `mig down left0000` undoes mrge0000 (and what is above it) and keeps left0000, rght0000 applied.",
    );
    expect(rows(dir)).toEqual(["mrge0000"]);
    const suggested = mig(dir, ["down", "left0000"]);
    expect(suggested.code, suggested.stderr).toBe(0);
    expect(rows(dir)).toEqual(["left0000", "rght0000"]);
  });

  test("up +1 at a branch point names the branches", () => {
    const dir = diamond();
    expect(mig(dir, ["up", "root0000"]).code).toBe(0);
    const r = mig(dir, ["up", "+1"]);
    expect(r.code).toBe(2);
    expect(said(r)).toBe(
      "Error: Cannot step up from root0000 by a relative number: it is a branch point (left0000, rght0000).\nName the branch: `mig up left0000`, or <branchname>@+N.",
    );
  });
});

describe("a database at a revision no script defines", () => {
  test("up, down, stamp and status say the database holds it; stamp --purge recovers", () => {
    const dir = diamond();
    script(dir, "gone0000", "mrge0000");
    expect(mig(dir, ["up", "head"]).code).toBe(0);
    rmSync(join(dir, "migrations", "gone0000.sql"));
    const message =
      "Error: The database is at revision gone0000, which no script in migrations/ defines.\n" +
      "Restore the missing script, or record a known revision with `mig stamp --purge <revision>` (it changes only the version table).";
    for (const args of [
      ["up"],
      ["status"],
      ["down", "-1"],
      ["down", "base"],
      ["stamp", "root0000"],
    ]) {
      const r = mig(dir, args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(said(r), args.join(" ")).toBe(message);
    }
    expect(mig(dir, ["current"]).stdout).toBe("gone0000 (not in the scripts)\n");
    expect(mig(dir, ["stamp", "--purge", "mrge0000"]).code).toBe(0);
    expect(rows(dir)).toEqual(["mrge0000"]);
    // The purge dropped gone0000: its missing script is no longer an applied one that
    // changed, which left a warning on every `up` and `--strict` failing for good.
    const up = mig(dir, ["up"]);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).not.toContain("Warning");
    expect(mig(dir, ["up", "--strict"]).code).toBe(0);
    const verify = mig(dir, ["log", "--verify"]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });
});

describe("stamp from a merge point to its parents", () => {
  test("leaves one row per parent (Alembic 1.8.1 and 1.19 crash with KeyError here)", () => {
    const dir = diamond();
    expect(mig(dir, ["up", "head"]).code).toBe(0);
    const r = mig(dir, ["stamp", "left0000", "rght0000"]);
    expect(r.code, r.stderr).toBe(0);
    expect(rows(dir)).toEqual(["left0000", "rght0000"]);
    // The rows are a valid state: only the merge is pending.
    expect(JSON.parse(mig(dir, ["status", "--json"]).stdout).pending).toEqual(["mrge0000"]);
  });

  test("targets on one line are refused before anything is written", () => {
    const dir = diamond();
    expect(mig(dir, ["up", "head"]).code).toBe(0);
    const r = mig(dir, ["stamp", "left0000", "root0000"]);
    // The command was given targets it cannot use together: a usage error.
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "Cannot stamp root0000 and left0000 together: root0000 is an ancestor of left0000.",
    );
    expect(rows(dir)).toEqual(["mrge0000"]);
  });
});

describe("effective heads", () => {
  /** side0000 has a child only through dependsOn: an effective head, as Alembic says. */
  function withEffectiveHead(): string {
    const dir = diamond();
    script(dir, "side0000", "none");
    script(dir, "tip00000", "mrge0000", "side0000");
    return dir;
  }

  test("heads and history label them (effective head), text and --json", () => {
    const dir = withEffectiveHead();
    expect(mig(dir, ["heads"]).stdout).toBe("side0000 (effective head)\ntip00000 (head)\n");
    const history = mig(dir, ["history"]).stdout.split("\n");
    expect(history).toContain("<base> -> side0000 (effective head), side0000");
    expect(history).toContain("mrge0000 (side0000) -> tip00000 (head), tip00000");
    // Alembic's verbose entry calls both "(head)".
    expect(mig(dir, ["heads", "-v"]).stdout).toContain("Rev: side0000 (head)\n");
    const json = JSON.parse(mig(dir, ["heads", "--json"]).stdout) as {
      revision: string;
      isHead: boolean;
      isEffectiveHead: boolean;
    }[];
    expect(json.map((r) => [r.revision, r.isHead, r.isEffectiveHead])).toEqual([
      ["side0000", true, true],
      ["tip00000", true, false],
    ]);
    const all = JSON.parse(mig(dir, ["history", "--json"]).stdout) as {
      revision: string;
      isEffectiveHead: boolean;
    }[];
    expect(all.filter((r) => r.isEffectiveHead).map((r) => r.revision)).toEqual(["side0000"]);
  });

  test("history -i puts (current) before the tree markers, as Alembic", () => {
    const dir = withEffectiveHead();
    expect(mig(dir, ["up", "mrge0000"]).code).toBe(0);
    expect(mig(dir, ["history", "-i"]).stdout).toContain(
      "left0000, rght0000 -> mrge0000 (current) (mergepoint), mrge0000\n",
    );
  });
});

describe("down --sql heads:base with several heads", () => {
  test("writes the whole downgrade (Alembic refuses 'heads' as an offline start)", () => {
    const dir = diamond();
    script(dir, "othr0000", "root0000");
    const offline = mig(dir, ["down", "--sql", "heads:base"]);
    expect(offline.code, offline.stderr).toBe(0);
    const order = [...offline.stdout.matchAll(/-- Running downgrade (\w+)/g)].map((m) => m[1]);
    // The same scripts, in the same order, as an online `down base` from `up heads`.
    expect(mig(dir, ["up", "heads"]).code).toBe(0);
    const online = JSON.parse(mig(dir, ["down", "base", "--json"]).stdout) as {
      steps: { revision: string }[];
    };
    expect(order).toEqual(online.steps.map((s) => s.revision));
    expect(order).toHaveLength(5);
    expect(offline.stdout).toContain(`DELETE FROM "mig_version" WHERE "version_num" = 'root0000'`);
  });
});
