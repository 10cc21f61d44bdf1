// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the texts under test are migration sources and templates holding ${...}
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clockAhead } from "../../test/aged-project.js";
import { compareFileNames } from "./list-script-files.js";
import { loadScripts } from "./script-directory.js";

// The index files in a cache directory (beside them: the sweep's marker, cache-sweep.ts).
const indexFiles = (dir: string) => readdirSync(dir).filter((n) => n.startsWith("index-"));

const ts = (rev: string, down: string | null, extra = "") =>
  `/** ${rev} */\nexport const revision = "${rev}";\nexport const downRevision = ${JSON.stringify(down)};\n${extra}`;
const sql = (rev: string, down: string) =>
  `-- revision: ${rev}\n-- down_revision: ${down}\n-- migrate:up\n`;

function project(files: Record<string, string>): { root: string; dir: string; cacheDir: string } {
  const root = mkdtempSync(join(tmpdir(), "mig-scripts-"));
  const dir = join(root, "migrations");
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
    // An hour old, so the cache may keep it (fresh files are never cached, see ScriptIndex).
    utimesSync(join(dir, name), new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
  }
  return { root, dir, cacheDir: join(root, "cache") };
}

describe("loadScripts", () => {
  beforeEach(() => clockAhead());
  afterEach(() => vi.useRealTimers());

  it("loads migrations in file-name order and skips everything else", () => {
    const { dir, cacheDir } = project({
      "b_2.ts": ts("b", "a"),
      "a_1.sql": sql("a", "none"),
      "c_3.mjs": ts("c", "b", "export const transactional = false;"),
      "B_0.mts": ts("B", null),
      "d_4.js": ts("d", "c"),
      "d_4.ts": ts("d", "c"),
      "types.d.ts": "export {};",
      "script.ts.tmpl": "/** ${message} */",
      "README.md": "# migrations",
      ".#b_2.ts": "lock file",
      "notes.txt": "",
    });
    mkdirSync(join(dir, "sub.ts"));
    const scripts = loadScripts({ locations: [dir], cacheDir });
    expect(scripts.map((s) => s.fileName)).toEqual([
      "B_0.mts",
      "a_1.sql",
      "b_2.ts",
      "c_3.mjs",
      "d_4.ts",
    ]);
    expect(scripts.map((s) => [s.format, s.transactional])).toEqual([
      ["ts", true],
      ["sql", true],
      ["ts", true],
      ["ts", false],
      ["ts", true],
    ]);
    expect(scripts[2]).toMatchObject({
      path: join(dir, "b_2.ts"),
      header: { revision: "b", downRevisions: ["a"], message: "b" },
    });
  });

  it("goes location by location in the given order, each sorted on its own, each once", () => {
    const one = project({ "z.ts": ts("z", null), "y.ts": ts("y", "z") });
    const two = project({ "a.ts": ts("a", "y") });
    symlinkSync(join(one.dir, "z.ts"), join(two.dir, "b.ts"));
    const scripts = loadScripts({ locations: [one.dir, two.dir, one.dir], cache: false });
    expect(scripts.map((s) => s.header.revision)).toEqual(["y", "z", "a"]);
  });

  it("sorts by code point, like Python", () => {
    expect(["\u{1F600}", "\uFFFD", "a", "B", "_"].sort(compareFileNames)).toEqual([
      "B",
      "_",
      "a",
      "\uFFFD",
      "\u{1F600}",
    ]);
  });

  it("names a missing location", () => {
    const { root } = project({});
    expect(() => loadScripts({ locations: [join(root, "nope")] })).toThrow(
      expect.objectContaining({
        code: "script_location",
        hint: expect.stringMatching(/^Create it \(mkdir -p .*nope\), or fix `scriptLocation`/),
      }),
    );
  });

  it("names both files of a duplicate revision id", () => {
    const { dir, cacheDir } = project({ "a.ts": ts("a", null), "b.sql": sql("a", "none") });
    expect(() => loadScripts({ locations: [dir], cacheDir })).toThrow(
      expect.objectContaining({
        code: "duplicate_revision",
        message: expect.stringMatching(/a\.ts, .*b\.sql/),
      }),
    );
  });

  it("names the file and line of a header it cannot read", () => {
    const { dir, cacheDir } = project({
      "a.ts": "export const downRevision = null;\nexport const revision = id();\n",
    });
    expect(() => loadScripts({ locations: [dir], cacheDir })).toThrow(
      /a\.ts:2: cannot read `revision` statically/,
    );
  });

  it("refuses a file that is not UTF-8, naming its line, and keeps a real U+FFFD", () => {
    const latin1 = Buffer.from(
      `${sql("a", "none")}INSERT INTO t VALUES ('caf\u00e9');\n`,
      "latin1",
    );
    const { dir, cacheDir } = project({ "b.ts": ts("b", null, 'const s = "\uFFFD";\n') });
    expect(loadScripts({ locations: [dir], cacheDir }).map((s) => s.header.revision)).toEqual([
      "b",
    ]);
    writeFileSync(join(dir, "a.sql"), latin1);
    expect(() => loadScripts({ locations: [dir], cacheDir })).toThrow(
      expect.objectContaining({
        code: "header_parse",
        message: expect.stringMatching(
          /a\.sql:4: not UTF-8 \(byte 0xE9\); mig reads migrations as UTF-8$/,
        ),
        hint: expect.stringContaining("Save the file as UTF-8"),
      }),
    );
  });
});

describe("header cache", () => {
  it("serves unchanged files from the cache and rereads a file whose size or mtime changed", () => {
    const { dir, cacheDir } = project({ "a.ts": ts("a", null), "b.ts": ts("b", "a") });
    expect(loadScripts({ locations: [dir], cacheDir }).map((s) => s.header.revision)).toEqual([
      "a",
      "b",
    ]);
    expect(indexFiles(cacheDir)).toHaveLength(1);

    // Same size and mtime put back, different content: the ctime moved, so it is read again.
    const sameSize = ts("x", null);
    writeFileSync(join(dir, "a.ts"), sameSize);
    utimesSync(
      join(dir, "a.ts"),
      new Date(Date.now() - 3_600_000),
      new Date(Date.now() - 3_600_000),
    );
    expect(loadScripts({ locations: [dir], cacheDir })[0]!.header.revision).toBe("x");
    // ...unless told not to use it.
    expect(loadScripts({ locations: [dir], cacheDir, cache: false })[0]!.header.revision).toBe("x");

    const old = new Date(Date.now() - 3_600_000);
    writeFileSync(join(dir, "b.ts"), ts("b", "a", "export const transactional = false;"));
    utimesSync(join(dir, "b.ts"), old, old);
    writeFileSync(join(dir, "a.ts"), ts("a", null));
    utimesSync(
      join(dir, "a.ts"),
      new Date(Date.now() - 7_200_000),
      new Date(Date.now() - 7_200_000),
    );
    const after = loadScripts({ locations: [dir], cacheDir });
    expect(after.map((s) => [s.header.revision, s.transactional])).toEqual([
      ["a", true],
      ["b", false],
    ]);
  });

  it("ignores a corrupt cache file, then replaces it", () => {
    const { dir, cacheDir } = project({ "a.ts": ts("a", null) });
    loadScripts({ locations: [dir], cacheDir });
    const [file] = indexFiles(cacheDir);
    writeFileSync(join(cacheDir, file!), "{ not json");
    expect(loadScripts({ locations: [dir], cacheDir })[0]!.header.revision).toBe("a");
    writeFileSync(
      join(cacheDir, file!),
      JSON.stringify({ format: 1, location: "elsewhere", entries: { "a.ts": [1, 2] } }),
    );
    expect(loadScripts({ locations: [dir], cacheDir })[0]!.header.revision).toBe("a");
    expect(indexFiles(cacheDir)).toEqual([file]);
  });

  it("forgets removed files and picks up new ones", () => {
    const { dir, cacheDir } = project({ "a.ts": ts("a", null), "b.ts": ts("b", "a") });
    loadScripts({ locations: [dir], cacheDir });
    rmSync(join(dir, "b.ts"));
    writeFileSync(join(dir, "c.sql"), sql("c", "a"));
    utimesSync(join(dir, "c.sql"), new Date(0), new Date(0));
    expect(loadScripts({ locations: [dir], cacheDir }).map((s) => s.fileName)).toEqual([
      "a.ts",
      "c.sql",
    ]);
  });

  it("keeps the headers it read before a bad one", () => {
    const { dir, cacheDir } = project({
      "a.ts": ts("a", null),
      "b.ts": "export const revision = x;",
    });
    expect(() => loadScripts({ locations: [dir], cacheDir })).toThrow(/b\.ts:1/);
    // a.ts rewritten with the same size and an older mtime (two hours, not project()'s one:
    // the same millisecond twice made the test depend on the machine's speed).
    writeFileSync(join(dir, "a.ts"), ts("x", null));
    const old = new Date(Date.now() - 7_200_000);
    utimesSync(join(dir, "a.ts"), old, old);
    writeFileSync(join(dir, "b.ts"), ts("b", "x"));
    expect(loadScripts({ locations: [dir], cacheDir }).map((s) => s.header.revision)).toEqual([
      "x",
      "b",
    ]);
  });

  it("puts the cache under the nearest node_modules/.cache/mig by default", () => {
    const { root, dir } = project({ "a.ts": ts("a", null) });
    mkdirSync(join(root, "node_modules"));
    loadScripts({ locations: [dir] });
    expect(indexFiles(join(root, "node_modules", ".cache", "mig"))).toHaveLength(1);
  });
});
