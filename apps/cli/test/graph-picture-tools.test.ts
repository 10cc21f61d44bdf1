import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";
import { dumpDom, screenshot } from "./chromium.js";
import { branchyGraph, headsAndMerges, writeGraph } from "./graph-picture-fixtures.js";
import { readPng } from "./png.js";
import { mig, sqliteProject } from "./run-cli.js";

// `mig graph`'s three formats read by the tools that draw them: the HTML page in Debian's
// Chromium (what is on screen), DOT by Graphviz's `dot`, Mermaid by mermaid's own code in
// the same browser. The tools come from `bash scripts/ensure-tools.sh --graph-tools`.

const MERMAID = fileURLToPath(
  new URL("../node_modules/mermaid/dist/mermaid.min.js", import.meta.url),
);
const NASTY = 'say "hi" [x] <b>&amp; ünï 🎉 #1';

const revs = branchyGraph(300).map((r, i) => (i === 0 ? { ...r, message: NASTY } : r));
const { heads, merges } = headsAndMerges(revs);
let dir = "";

/** The database is at revision 100 (on SQLite): it and its ancestors are applied. */
const target = revs[100]!.id;
const applied = new Set<string>();
for (const stack = [target]; stack.length > 0; ) {
  const id = stack.pop()!;
  if (applied.has(id)) continue;
  applied.add(id);
  const r = revs.find((x) => x.id === id)!;
  stack.push(...r.down, ...r.dependsOn);
}

beforeAll(() => {
  dir = sqliteProject();
  writeGraph(dir, revs);
  expect(heads.length).toBeGreaterThanOrEqual(4);
  expect(merges.length).toBeGreaterThanOrEqual(8);
  const up = mig(dir, ["up", target]);
  expect(up.code, up.stderr).toBe(0);
}, 120_000);

interface Box {
  readonly id: string;
  readonly cls: string;
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Where the browser put each node, read from the laid-out page through --dump-dom. */
function probe(page: string): {
  svg: Omit<Box, "id" | "cls" | "text">;
  inner: number;
  nodes: Box[];
} {
  const probed = join(dir, "probe.html");
  const script = `<script>
addEventListener("load", () => {
  const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height }; };
  const nodes = [...document.querySelectorAll("g.node")].map((g) => ({
    id: g.dataset.revision, cls: g.getAttribute("class"),
    text: [...g.querySelectorAll("text")].map((t) => t.textContent).join("|"),
    ...box(g.querySelector("rect")),
  }));
  const pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify({ svg: box(document.querySelector("svg")), inner: innerWidth, nodes });
  document.body.append(pre);
});
</script>`;
  writeFileSync(probed, readFileSync(page, "utf8").replace("</body>", `${script}\n</body>`));
  const dom = dumpDom(probed, "1400,1000");
  const json = /<pre id="probe">([^<]*)<\/pre>/.exec(dom)?.[1];
  expect(json, dom.slice(0, 500)).toBeDefined();
  return JSON.parse(
    json!
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&"),
  );
}

const near = (p: number[], rgb: number[], tolerance = 48) =>
  rgb.every((c, i) => Math.abs(p[i]! - c) <= tolerance);

// A browser start and a 300-revision render take seconds; on a loaded machine, many.
describe("mig graph, drawn by real tools (300 revisions, branchy)", { timeout: 300_000 }, () => {
  test("the HTML page in Chromium: every head and merge on screen, inside the picture", () => {
    const r = mig(dir, ["graph", "-f", "html", "--out", "graph.html"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    const page = join(dir, "graph.html");
    const seen = probe(page);
    const byId = new Map(seen.nodes.map((n) => [n.id, n]));
    // Collapsed: far fewer boxes than revisions, every head and merge among them.
    expect(seen.nodes.length).toBeLessThan(150);
    for (const id of [...heads, ...merges]) {
      const n = byId.get(id);
      expect(n, `${id} drawn`).toBeDefined();
      expect(n!.w).toBeGreaterThan(60);
      expect(n!.x).toBeGreaterThanOrEqual(seen.svg.x);
      expect(n!.y).toBeGreaterThanOrEqual(seen.svg.y);
      expect(n!.x + n!.w).toBeLessThanOrEqual(seen.svg.x + seen.svg.w + 0.5);
      expect(n!.y + n!.h).toBeLessThanOrEqual(seen.svg.y + seen.svg.h + 0.5);
      // Fits the window's width: nothing to scroll sideways for.
      expect(n!.x + n!.w).toBeLessThanOrEqual(seen.inner);
      expect(n!.text).toContain(id);
    }
    for (const id of heads) expect(byId.get(id)!.cls).toContain("head");
    // Applied: exactly the boxes of revisions at or below the database's revision.
    expect(byId.get(target)!.cls).toContain("current");
    for (const n of seen.nodes) {
      expect(n.cls.includes("applied"), `${n.id} applied`).toBe(applied.has(n.id));
    }
    for (const id of merges) expect(byId.get(id)!.cls).toContain("merge");
    // No two boxes overlap.
    const boxes = [...seen.nodes].sort((a, b) => a.y - b.y || a.x - b.x);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length && boxes[j]!.y < boxes[i]!.y + boxes[i]!.h; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        const apart = a.x + a.w <= b.x || b.x + b.w <= a.x;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
    expect(byId.get(revs[0]!.id)!.text).toContain('say "hi" [x] <b>&amp; ünï');

    // The screenshot: not blank, and each head's blue border and each merge's purple one
    // are there in pixels, with text inside.
    const height = Math.ceil(seen.svg.y + seen.svg.h + 40);
    const png = join(dir, "graph.png");
    screenshot(page, png, `1400,${height}`);
    const shot = readPng(png);
    expect(shot.width).toBe(1400);
    let ink = 0;
    for (let y = 0; y < shot.height; y += 3) {
      for (let x = 0; x < shot.width; x += 3)
        if (!near(shot.pixel(x, y), [255, 255, 255], 8)) ink++;
    }
    expect(ink / ((shot.width / 3) * (shot.height / 3))).toBeGreaterThan(0.02);
    const has = (n: Box, test: (p: number[]) => boolean) => {
      for (let y = Math.floor(n.y); y < Math.min(shot.height, n.y + n.h); y++) {
        for (let x = Math.floor(n.x); x < n.x + n.w; x++) if (test(shot.pixel(x, y))) return true;
      }
      return false;
    };
    for (const id of merges) {
      expect(
        has(byId.get(id)!, (p) => near(p, [142, 68, 173])),
        `${id}'s border`,
      ).toBe(true);
    }
    for (const id of heads.filter((h) => !merges.includes(h))) {
      expect(
        has(byId.get(id)!, (p) => near(p, [34, 113, 177])),
        `${id}'s border`,
      ).toBe(true);
    }
    // Applied boxes, runs too, are filled green; the current one darker; others are not.
    for (const n of seen.nodes.filter((b) => b.id !== target)) {
      const green = has(n, (p) => near(p, [212, 237, 218], 6));
      expect(green, `${n.id} green`).toBe(applied.has(n.id));
    }
    expect(has(byId.get(target)!, (p) => near(p, [165, 214, 167], 6))).toBe(true);
    for (const id of [...heads, ...merges]) {
      expect(
        has(byId.get(id)!, (p) => p[0]! < 90 && p[1]! < 90 && p[2]! < 90),
        `${id}'s text`,
      ).toBe(true);
    }
  });

  test("DOT: Graphviz's dot draws it, every head in the SVG", () => {
    const r = mig(dir, ["graph", "--no-db", "-f", "dot"]);
    expect(r.code, r.stderr).toBe(0);
    const dot = spawnSync("dot", ["-Tsvg"], { input: r.stdout, encoding: "utf8" });
    expect(
      dot.error,
      "dot is not installed: run bash scripts/ensure-tools.sh --graph-tools",
    ).toBeUndefined();
    expect(dot.status, dot.stderr).toBe(0);
    expect(dot.stderr).toBe("");
    for (const id of [...heads, ...merges]) expect(dot.stdout).toContain(`>${id}</text>`);
    expect(dot.stdout).toContain("say &quot;hi&quot; [x] &lt;b&gt;&amp;amp; ünï 🎉 #1");
  });

  test("Mermaid: mermaid's own parser and renderer, in Chromium, draw it without an error", () => {
    for (const args of [[], ["--no-collapse"]]) {
      const r = mig(dir, ["graph", "--no-db", ...args]);
      expect(r.code, r.stderr).toBe(0);
      const page = join(dir, "mermaid.html");
      writeFileSync(
        page,
        `<!doctype html><html><head><meta charset="utf-8"></head><body>
<pre id="result">pending</pre><div id="out"></div>
<script src="${pathToFileURL(MERMAID).href}"></script>
<script>
const text = ${JSON.stringify(r.stdout).replace(/</g, "\\u003c")};
// Mermaid's default limits (500 edges, 50,000 characters), as GitHub renders it.
mermaid.initialize({ startOnLoad: false });
(async () => {
  try {
    await mermaid.parse(text);
    const { svg } = await mermaid.render("graph", text);
    document.getElementById("out").innerHTML = svg;
    document.getElementById("result").textContent = "rendered";
  } catch (e) {
    document.getElementById("result").textContent = "error: " + (e && e.message);
  }
})();
</script></body></html>`,
      );
      const dom = dumpDom(page, "1400,1000", 60_000);
      const result = /<pre id="result">([^<]*)<\/pre>/.exec(dom)?.[1];
      expect(result, args.join(" ")).toBe("rendered");
      expect(dom).not.toMatch(/Syntax error in text/);
      for (const id of [...heads, ...merges]) expect(dom).toContain(id);
      expect(dom).toContain('say "hi" [x] &lt;b&gt;&amp;amp; ünï 🎉 #1');
    }
  });
});
