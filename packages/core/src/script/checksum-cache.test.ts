import { mkdtempSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clockAhead, realNow } from "../../test/aged-project.js";
import { changeStamp } from "./change-stamp.js";
import { ChecksumCache } from "./checksum-cache.js";
import { scriptChecksum } from "./script-checksum.js";

function setup(content: string, ageMs: number) {
  const dir = mkdtempSync(join(tmpdir(), "mig-checksums-"));
  const path = join(dir, "0001_a.sql");
  writeFileSync(path, content);
  // Whole seconds, so setting the same mtime again after an edit is exact.
  const at = Math.floor((realNow() - ageMs) / 1000);
  utimesSync(path, at, at);
  const stat = () => {
    const s = statSync(path);
    return { path, size: s.size, changedMs: changeStamp(s) };
  };
  const touch = () => utimesSync(path, at, at);
  return { dir, path, stat, touch, cache: join(dir, "cache") };
}

describe("ChecksumCache", () => {
  beforeEach(() => clockAhead());
  afterEach(() => vi.useRealTimers());

  it("remembers an aged file's checksum across runs, keyed on size and change time", () => {
    const s = setup("one\n", 60_000);
    const first = new ChecksumCache([s.dir], s.cache);
    expect(first.checksum(s.stat())).toBe(scriptChecksum("one\n"));
    first.save();
    const again = new ChecksumCache([s.dir], s.cache);
    expect(again.checksum({ ...s.stat(), path: s.path })).toBe(scriptChecksum("one\n"));
    // Same size and mtime put back, other content: its ctime moved, so it is read again.
    writeFileSync(s.path, "two\n");
    s.touch();
    expect(new ChecksumCache([s.dir], s.cache).checksum(s.stat())).toBe(scriptChecksum("two\n"));
  });

  it("reads the file again when its size or mtime changed", () => {
    const s = setup("one\n", 60_000);
    const first = new ChecksumCache([s.dir], s.cache);
    first.checksum(s.stat());
    first.save();
    writeFileSync(s.path, "three\n");
    expect(new ChecksumCache([s.dir], s.cache).checksum(s.stat())).toBe(scriptChecksum("three\n"));
  });

  it("does not trust a file modified within the racy window of its hashing", () => {
    vi.useRealTimers();
    const s = setup("one\n", 0);
    const first = new ChecksumCache([s.dir], s.cache);
    first.checksum(s.stat());
    first.save();
    // An edit in the same clock tick keeps size and mtime; the entry was never trusted.
    writeFileSync(s.path, "two\n");
    s.touch();
    expect(new ChecksumCache([s.dir], s.cache).checksum(s.stat())).toBe(scriptChecksum("two\n"));
  });

  it("works without a cache directory", () => {
    const s = setup("one\n", 60_000);
    const cache = new ChecksumCache([s.dir], join(s.path, "not-a-dir"));
    expect(cache.checksum(s.stat())).toBe(scriptChecksum("one\n"));
    expect(() => cache.save()).not.toThrow();
  });
});
