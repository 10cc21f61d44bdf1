import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { type BundleEntry, readBundle, writeBundle, writeCodeCache } from "./bundle-store.js";

const root = mkdtempSync(join(tmpdir(), "mig-superseded-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const entry = (path: string): BundleEntry => ({
  path,
  size: 10,
  changedMs: 1,
  code: "exports.up = () => {};",
  lines: 1,
  requires: [],
  checksum: undefined,
});

const entriesOf = (base: string) => {
  const read = readBundle(base);
  return typeof read === "object" ? read.manifest.entries() : read;
};

test("writing a project's bundle removes the one an older key named for the same directories", () => {
  const cache = mkdtempSync(join(root, "cache-"));
  const project = [entry("/p/migrations/a.ts"), entry("/p/seeds/b.ts")];
  const older = join(cache, "bundle-00000000aaaaaaaa");
  writeBundle(older, [...project].reverse());
  writeCodeCache(older, "id", 1, Buffer.from("code cache"));
  writeBundle(`${older}-few`, project.slice(0, 1));
  // Another project's bundle, one of a project sharing a directory, and a foreign file.
  writeBundle(join(cache, "bundle-11111111bbbbbbbb"), [entry("/q/migrations/a.ts")]);
  writeBundle(join(cache, "bundle-22222222cccccccc"), project.slice(0, 1));
  writeFileSync(join(cache, "bundle-00000000aaaaaaaa.txt"), "not mig's");

  const base = join(cache, "bundle-33333333dddddddd");
  writeBundle(base, project);

  expect(readdirSync(cache).sort()).toEqual([
    ".mig-last-sweep",
    "bundle-00000000aaaaaaaa.txt",
    "bundle-11111111bbbbbbbb.js",
    "bundle-11111111bbbbbbbb.json",
    "bundle-22222222cccccccc.js",
    "bundle-22222222cccccccc.json",
    "bundle-33333333dddddddd.js",
    "bundle-33333333dddddddd.json",
  ]);
  expect(entriesOf(base)).toMatchObject([{ path: "/p/migrations/a.ts" }, {}]);
});

test("rewriting a bundle under its own name keeps it", () => {
  const cache = mkdtempSync(join(root, "cache-"));
  const base = join(cache, "bundle-33333333dddddddd");
  writeBundle(base, [entry("/p/migrations/a.ts")]);
  writeBundle(base, [entry("/p/migrations/a.ts"), entry("/p/migrations/b.ts")]);
  expect(entriesOf(base)).toHaveLength(2);
});

test("a project's bundles for runs of one direction are its own; an older key's are removed", () => {
  const cache = mkdtempSync(join(root, "cache-"));
  const project = [entry("/p/migrations/a.ts")];
  const older = join(cache, "bundle-00000000aaaaaaaa");
  writeBundle(`${older}-up`, project);
  writeBundle(`${older}-down-few`, project);
  const base = join(cache, "bundle-33333333dddddddd");
  writeBundle(`${base}-up`, project);
  writeBundle(`${base}-down`, project);
  writeBundle(base, project);
  expect(readdirSync(cache).sort()).toEqual([
    ".mig-last-sweep",
    "bundle-33333333dddddddd-down.js",
    "bundle-33333333dddddddd-down.json",
    "bundle-33333333dddddddd-up.js",
    "bundle-33333333dddddddd-up.json",
    "bundle-33333333dddddddd.js",
    "bundle-33333333dddddddd.json",
  ]);
});
