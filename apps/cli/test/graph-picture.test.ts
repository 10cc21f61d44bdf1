import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { type GenRevision, writeGraph } from "./graph-picture-fixtures.js";
import { mig, sqliteProject, tempDir } from "./run-cli.js";

const POSTGRES = fileURLToPath(
  new URL("../../../packages/postgres/dist/index.js", import.meta.url),
);

const rev = (id: string, down: string[], extra: Partial<GenRevision> = {}): GenRevision => ({
  id,
  down,
  dependsOn: [],
  message: `change ${id}`,
  ...extra,
});

/**
 * r0 -> r1..r4 -> r5 (branch point) -> l1 l2 l3 l4 and q1 [label] q2..q5 q6 (dependsOn l2),
 * merged by m, then t1 t2 t3 (head). 20 revisions; collapsed: r1-r4, l3-l4, q2-q5, t1-t2.
 */
function shape(): GenRevision[] {
  const line = (ids: string[], from: string) =>
    ids.map((id, i) => rev(id, [i === 0 ? from : ids[i - 1]!]));
  return [
    rev("r0", []),
    ...line(["r1", "r2", "r3", "r4", "r5"], "r0"),
    ...line(["l1", "l2", "l3", "l4"], "r5"),
    rev("q1", ["r5"], { label: "feature" }),
    ...line(["q2", "q3", "q4", "q5"], "q1"),
    rev("q6", ["q5"], { dependsOn: ["l2"] }),
    rev("m", ["l4", "q6"], { message: "merge the branches" }),
    ...line(["t1", "t2", "t3"], "m"),
  ];
}

function project(revs = shape()): string {
  const dir = sqliteProject();
  writeGraph(dir, revs);
  return dir;
}

/** The DOT node line of revision `id` (its label starts with the id). */
const dotNode = (dot: string, id: string) =>
  dot.split("\n").find((l) => l.includes(`[label="${id}\\n`)) ?? "";

describe("mig graph", () => {
  test("Mermaid by default: heads, merges, labels, dashed dependsOn, runs collapsed with counts", () => {
    const dir = project();
    const r = mig(dir, ["graph", "--no-db"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    const out = r.stdout;
    expect(out.startsWith("flowchart TD\n")).toBe(true);
    expect(out).toContain('"t3 (head)<br/>change t3"');
    expect(out).toMatch(/\{\{"m \(merge\)<br\/>merge the branches"\}\}/);
    expect(out).toContain('"q1 (#91;feature#93;)<br/>change q1"');
    expect(out).toContain('"r5 (branch point)<br/>change r5"');
    expect(out).toContain('"#8230; 4 revisions #8230;<br/>r1 #8230; r4"');
    expect(out).toContain('"#8230; 2 revisions #8230;<br/>l3 #8230; l4"');
    // One dashed edge: q6 depends on l2.
    expect(out.match(/-\.->/g)).toHaveLength(1);
    const json = JSON.parse(mig(dir, ["graph", "--no-db", "--json"]).stdout);
    expect(json).toMatchObject({ format: "mermaid", revisions: 20, nodes: 12, applied: false });
    const all = JSON.parse(mig(dir, ["graph", "--no-db", "--no-collapse", "--json"]).stdout);
    expect(all.nodes).toBe(20);
    expect(all.text).not.toContain("revisions #8230;");
  });

  test("DOT and HTML formats; a bad --format is a usage error", () => {
    const dir = project();
    const dot = mig(dir, ["graph", "--no-db", "--format", "dot"]);
    expect(dot.code, dot.stderr).toBe(0);
    expect(dot.stdout).toMatch(/^digraph mig \{/);
    expect(dotNode(dot.stdout, "t3")).toContain("penwidth=3");
    expect(dotNode(dot.stdout, "m")).toContain("shape=hexagon");
    expect(dot.stdout).toContain('label="… 4 revisions …\\nr1 … r4"');
    expect(dot.stdout.match(/\[style=dashed\]/g)).toHaveLength(1);
    const html = mig(dir, ["graph", "--no-db", "-f", "html"]);
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).toContain('data-revision="t3"');
    // Self-contained: nothing fetched, no script.
    expect(html.stdout).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    const bad = mig(dir, ["graph", "--format", "png"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Allowed choices are mermaid, dot, html");
    expect(bad.stdout).toBe("");
  });

  test("--out writes the whole file through a rename; a missing directory fails with no file", () => {
    const dir = project();
    const r = mig(dir, ["graph", "--no-db", "-f", "html", "--out", "graph.html"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("Wrote graph.html (20 revisions in 12 boxes).\n");
    expect(readFileSync(join(dir, "graph.html"), "utf8")).toMatch(/<\/html>\n$/);
    expect(readdirSync(dir).filter((f) => f.includes(".tmp"))).toEqual([]);
    const missing = mig(dir, ["graph", "--no-db", "--out", "nowhere/graph.mmd"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Could not write");
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, "nowhere"))).toBe(false);
  });

  test("with a reachable database, applied revisions and the current one are marked", () => {
    const dir = project();
    const up = mig(dir, ["up", "l3"]);
    expect(up.code, up.stderr).toBe(0);
    const r = mig(dir, ["graph", "--format", "dot"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    // l3, the row, stands alone; r1-r4 (all applied) still collapse.
    expect(dotNode(r.stdout, "l3")).toMatch(/current.*fillcolor="#a5d6a7"/);
    expect(dotNode(r.stdout, "r0")).toMatch(/applied.*fillcolor="#d4edda"/);
    expect(dotNode(r.stdout, "l4")).not.toContain("fillcolor");
    expect(dotNode(r.stdout, "q1")).not.toContain("fillcolor");
    expect(r.stdout).toMatch(/label="… 4 revisions …\\napplied\\nr1 … r4".*filled/);
    const mermaid = mig(dir, ["graph"]).stdout;
    expect(mermaid).toMatch(/^ {2}class \S+ current$/m);
    const json = JSON.parse(mig(dir, ["graph", "--json"]).stdout);
    expect(json).toMatchObject({ applied: true, note: null });
  });

  test("no database, or one that cannot be read: still drawn, one line on stderr", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "mig.config.json"), "{}\n");
    writeGraph(dir, shape());
    const none = mig(dir, ["graph"]);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stderr).toBe("No database configured: applied revisions are not marked.\n");
    expect(none.stdout).toContain("t3 (head)");
    const url = "sqlite:/nonexistent-mig-dir/app.db";
    const unreachable = mig(dir, ["graph", "--url", url, "-f", "dot"]);
    expect(unreachable.code, unreachable.stderr).toBe(0);
    expect(unreachable.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(unreachable.stderr).toMatch(/^Could not read the database \(.*\): applied revisions/);
    expect(unreachable.stdout).toMatch(/^digraph mig/);
    // --no-db does not try, so says nothing.
    const skipped = mig(dir, ["graph", "--url", url, "--no-db"]);
    expect(skipped.stderr).toBe("");
    // A PostgreSQL server that refuses the connection; the URL's password never shows.
    writeFileSync(
      join(dir, "mig.config.mjs"),
      `import { createDialect } from ${JSON.stringify(POSTGRES)};\nexport default { dialects: [createDialect()] };\n`,
    );
    const pgUrl = "postgres://me:hunter2secret@127.0.0.1:1/db";
    const pg = mig(dir, ["graph", "--config", "mig.config.mjs", "--url", pgUrl]);
    expect(pg.code, pg.stderr).toBe(0);
    expect(pg.stderr).toBe(
      "Could not read the database (Could not connect to PostgreSQL at 127.0.0.1:1: connection refused.): applied revisions are not marked.\n",
    );
    expect(pg.stdout).toContain("t3 (head)");
    expect(pg.stderr + pg.stdout).not.toContain("hunter2secret");
  });

  test("messages and ids are escaped for each format", () => {
    const nasty = 'say "hi" [x] <b>&amp; {y} #1 `t` ünï 🎉 -->';
    const dir = tempDir();
    writeFileSync(join(dir, "mig.config.json"), "{}\n");
    mkdirSync(join(dir, "migrations"));
    writeGraph(dir, [rev("a1", [], { message: nasty }), rev("a2", ["a1"])]);
    const mermaid = mig(dir, ["graph", "--no-db"]).stdout;
    const line = mermaid.split("\n").find((l) => l.includes("a1"))!;
    // Only the label's own quotes, no brackets, `<` or `&` of the message's own.
    expect(line.match(/"/g)).toHaveLength(2);
    expect(line).toContain(
      "say #34;hi#34; #91;x#93; #60;b#62;#38;amp; #123;y#125; #35;1 #96;t#96; #252;n#239; #127881; --#62;",
    );
    const label = line.slice(line.indexOf('"') + 1, line.lastIndexOf('"'));
    expect(label.replace("<br/>", "")).not.toMatch(/[<>&[\]{}`]|#(?!\d+;)/);
    const dot = mig(dir, ["graph", "--no-db", "-f", "dot"]).stdout;
    expect(dot).toContain('say \\"hi\\" [x] <b>&amp;amp; {y} #1 `t` ünï 🎉 -->');
    const html = mig(dir, ["graph", "--no-db", "-f", "html"]).stdout;
    expect(html).toContain(">say &#34;hi&#34; [x] &#60;b&#62;&#38;amp; {y} #1 `t…</text>");
    expect(html).toContain(
      `${"say &#34;hi&#34; [x] &#60;b&#62;&#38;amp; {y} #1 `t` ünï 🎉 --&#62;"}</title>`,
    );
  });
});
