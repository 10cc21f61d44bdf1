import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clockAhead, realNow } from "../../test/aged-project.js";
import { heads } from "../command/heads.js";
import { history } from "../command/history.js";

// The index files in a cache directory (beside them: the sweep's marker, cache-sweep.ts).
const indexFiles = (dir: string) => readdirSync(dir).filter((n) => n.startsWith("index-"));

// A project whose index goes to its own node_modules/.cache/mig (the default place).
const HOUR = 3_600_000;
const sql = (rev: string, down: string, message = `rev ${rev}`) =>
  `-- revision: ${rev}\n-- down_revision: ${down}\n-- message: ${message}\n-- migrate:up\n`;

function project(locations: Record<string, Record<string, string>>) {
  const root = mkdtempSync(join(tmpdir(), "mig-index-"));
  mkdirSync(join(root, "node_modules"));
  for (const [location, files] of Object.entries(locations)) {
    mkdirSync(join(root, location));
    for (const [name, text] of Object.entries(files)) write(join(root, location, name), text);
    age(join(root, location));
  }
  const config = { url: "sqlite::memory:", versionLocations: Object.keys(locations) };
  writeFileSync(join(root, "mig.config.json"), JSON.stringify(config));
  const cacheDir = join(root, "node_modules", ".cache", "mig");
  return { root, cacheDir, path: (...p: string[]) => join(root, ...p) };
}

/** Writes a file an hour old (outside the racy window), or `at` ms old. */
function write(path: string, text: string, at = HOUR): void {
  writeFileSync(path, text);
  age(path, at);
}

function age(path: string, at = HOUR): void {
  const t = new Date(realNow() - at);
  utimesSync(path, t, t);
}

const headIds = async (cwd: string) => (await heads({ cwd })).heads.map((h) => h.revision);
const historyLines = async (cwd: string) =>
  (await history({ cwd })).revisions.map(
    (r) => `${r.downRevisions.join(",")} -> ${r.revision}, ${r.message}`,
  );

describe("script index", () => {
  beforeEach(() => clockAhead());
  afterEach(() => vi.useRealTimers());

  it("sees an edit that keeps the size (only the mtime changes)", async () => {
    const p = project({ m: { "a.sql": sql("a", "none"), "b.sql": sql("b", "a", "one") } });
    expect(await historyLines(p.root)).toEqual(["a -> b, one", " -> a, rev a"]);
    write(p.path("m", "b.sql"), sql("b", "a", "two"), HOUR / 2);
    expect(await historyLines(p.root)).toEqual(["a -> b, two", " -> a, rev a"]);
  });

  it("sees an edit that keeps the mtime but not the size", async () => {
    const p = project({ m: { "a.sql": sql("a", "none"), "b.sql": sql("b", "a") } });
    expect(await headIds(p.root)).toEqual(["b"]);
    const { mtime } = statSync(p.path("m", "b.sql"));
    writeFileSync(p.path("m", "b.sql"), sql("b2", "a"));
    utimesSync(p.path("m", "b.sql"), mtime, mtime);
    expect(await headIds(p.root)).toEqual(["b2"]);
  });

  it("reads a parent id of the same length as the id before it, but another, as written", async () => {
    // The index reuses the previous id's string for a parent equal to it: only when equal.
    const p = project({
      m: {
        "1.sql": sql("aa", "none"),
        "2.sql": sql("bb", "none"),
        "3.sql": sql("cc", "aa"),
        "4.sql": sql("dd", "cc"),
      },
    });
    const lines = [" -> bb, rev bb", "cc -> dd, rev dd", "aa -> cc, rev cc", " -> aa, rev aa"];
    expect(await historyLines(p.root)).toEqual(lines);
    expect(await historyLines(p.root)).toEqual(lines); // from the index
  });

  it("sees added, removed and renamed files", async () => {
    const p = project({ m: { "a.sql": sql("a", "none"), "b.sql": sql("b", "a") } });
    expect(await headIds(p.root)).toEqual(["b"]);
    write(p.path("m", "c.sql"), sql("c", "a"));
    expect(await headIds(p.root)).toEqual(["b", "c"]);
    rmSync(p.path("m", "b.sql"));
    expect(await headIds(p.root)).toEqual(["c"]);
    // Renamed to a name sorting first: load order (and so the history) follows file names.
    write(p.path("m", "0.sql"), sql("d", "a"));
    expect(await headIds(p.root)).toEqual(["d", "c"]);
    renameSync(p.path("m", "0.sql"), p.path("m", "z.sql"));
    expect(await headIds(p.root)).toEqual(["c", "d"]);
    renameSync(p.path("m", "c.sql"), p.path("m", "c.txt"));
    expect(await headIds(p.root)).toEqual(["d"]);
  });

  it("sees a file added with the directory's mtime put back: its ctime moved", async () => {
    const p = project({ m: { "a.sql": sql("a", "none") } });
    expect(await headIds(p.root)).toEqual(["a"]);
    const { mtime } = statSync(p.path("m"));
    write(p.path("m", "b.sql"), sql("b", "a"));
    utimesSync(p.path("m"), mtime, mtime);
    expect(await headIds(p.root)).toEqual(["b"]);
  });

  it("sees an edit of the same size with the mtime put back (cp -p, tar x, touch -d)", async () => {
    const p = project({ m: { "a.sql": sql("a", "none"), "b.sql": sql("b", "a", "one") } });
    expect(await historyLines(p.root)).toEqual(["a -> b, one", " -> a, rev a"]);
    expect(await historyLines(p.root)).toEqual(["a -> b, one", " -> a, rev a"]); // the index
    const { mtime, size } = statSync(p.path("m", "b.sql"));
    writeFileSync(p.path("m", "b.sql"), sql("b", "a", "two"));
    utimesSync(p.path("m", "b.sql"), mtime, mtime);
    expect(statSync(p.path("m", "b.sql"))).toMatchObject({ mtime, size });
    expect(await historyLines(p.root)).toEqual(["a -> b, two", " -> a, rev a"]);
  });

  it("never trusts a listing or header taken within the racy window", async () => {
    vi.useRealTimers();
    const p = project({ m: { "a.sql": sql("a", "none") } });
    age(p.path("m"), 0);
    expect(await headIds(p.root)).toEqual(["a"]);
    const dir = statSync(p.path("m")).mtime;
    write(p.path("m", "b.sql"), sql("b", "a"), 0);
    utimesSync(p.path("m"), dir, dir);
    expect(await headIds(p.root)).toEqual(["b"]);
    // b.sql is fresh: rewritten with the same size and mtime, it is read again.
    const { mtime } = statSync(p.path("m", "b.sql"));
    writeFileSync(p.path("m", "b.sql"), sql("c", "a"));
    utimesSync(p.path("m", "b.sql"), mtime, mtime);
    expect(await headIds(p.root)).toEqual(["c"]);
  });

  it("ignores a corrupt, truncated or foreign index file and rewrites it", async () => {
    const p = project({ m: { "a.sql": sql("a", "none"), "b.sql": sql("b", "a") } });
    expect(await headIds(p.root)).toEqual(["b"]);
    const [name] = indexFiles(p.cacheDir);
    const file = join(p.cacheDir, name!);
    const good = readFileSync(file);
    const damaged = [
      Buffer.from("{ not an index"),
      good.subarray(0, good.length - 3),
      good.subarray(0, 20),
      Buffer.concat([good, Buffer.from("x")]),
      Buffer.from(JSON.stringify({ format: 2, location: p.path("m"), entries: [] })),
      Buffer.alloc(good.length, 0xff),
    ];
    // Each write has a generation of its own (bytes 16-19); the rest is the same.
    const content = (bytes: Buffer) => Buffer.concat([bytes.subarray(0, 16), bytes.subarray(20)]);
    for (const bytes of damaged) {
      writeFileSync(file, bytes);
      expect(await headIds(p.root)).toEqual(["b"]);
      expect(content(readFileSync(file))).toEqual(content(good));
    }
  });

  it("keeps one index per location, also when reached through a symbolic link", async () => {
    const p = project({
      one: { "a.sql": sql("a", "none") },
      two: { "b.sql": sql("b", "a") },
    });
    expect(await headIds(p.root)).toEqual(["b"]);
    expect(indexFiles(p.cacheDir)).toHaveLength(2);
    write(p.path("two", "c.sql"), sql("c", "b"));
    write(p.path("one", "b2.sql"), sql("b2", "a"));
    expect(await headIds(p.root)).toEqual(["b2", "c"]);

    symlinkSync(p.path("two"), p.path("linked"));
    writeFileSync(
      p.path("mig.config.json"),
      JSON.stringify({ url: "sqlite::memory:", versionLocations: ["one", "linked"] }),
    );
    expect(await headIds(p.root)).toEqual(["b2", "c"]);
    write(p.path("two", "c.sql"), sql("c", "b", "edited"), HOUR / 2);
    expect((await history({ cwd: p.root })).revisions.map((r) => r.message)).toContain("edited");
    expect(indexFiles(p.cacheDir)).toHaveLength(2);
  });

  it("serves non-ASCII names and messages from the index unchanged", async () => {
    const p = project({
      m: { "a.sql": sql("a", "none", "café ☕ 😀"), "ü.sql": sql("b", "a", "Straße") },
    });
    const first = await historyLines(p.root);
    expect(first).toEqual(["a -> b, Straße", " -> a, café ☕ 😀"]);
    expect(await historyLines(p.root)).toEqual(first);
    expect((await heads({ cwd: p.root })).heads[0]!.path).toMatch(/ü\.sql$/);
  });

  it("follows symlinked script files and sees their target change", async () => {
    const p = project({ m: { "a.sql": sql("a", "none") }, elsewhere: { "t.sql": sql("b", "a") } });
    symlinkSync(p.path("elsewhere", "t.sql"), p.path("m", "b.sql"));
    age(p.path("m"));
    writeFileSync(
      p.path("mig.config.json"),
      JSON.stringify({ url: "sqlite::memory:", scriptLocation: "m" }),
    );
    expect(await headIds(p.root)).toEqual(["b"]);
    write(p.path("elsewhere", "t.sql"), sql("c", "a"), HOUR / 2);
    expect(await headIds(p.root)).toEqual(["c"]);
  });
});
