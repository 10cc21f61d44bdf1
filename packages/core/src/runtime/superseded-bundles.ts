import { closeSync, openSync, readdirSync, readSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

// The manifest's fields before its entries (bundle-store.ts writes them in this order): its
// first bytes name the bundle's directories without reading the rest.
const HEAD_BYTES = 64 * 1024;
const DIRS = ',"dirs":';
const ENTRIES = '],"entries":';
// The files of bundle `name` (bundle-store.ts) and its writers' temporary ones: nothing else.
// A name covers the bundles of its runs of one direction (script-loader.ts) and small ones.
const filesOf = (name: string) =>
  new RegExp(`^${name}(?:-up|-down)?(?:-few)?\\.(?:js|json|v8)(?:\\.\\d+\\.[0-9a-f]+\\.tmp)?$`);
const BUNDLE_MANIFEST = /^(bundle-[0-9a-f]+)(?:-up|-down)?\.json$/;

/**
 * Removes the other bundles in the directory of `base` built from the same script
 * directories `dirs` (a bundle's name is a hash of them: one by another name was named by
 * another version of mig, and would stay forever), with their manifests, code caches and
 * small bundles. Called after a new bundle was written; best-effort, errors ignored.
 */
export function dropSupersededBundles(base: string, dirs: readonly string[]): void {
  const dir = dirname(base);
  const own = BUNDLE_MANIFEST.exec(`${basename(base)}.json`)?.[1] ?? basename(base);
  const want = JSON.stringify([...dirs].sort());
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const other = BUNDLE_MANIFEST.exec(name)?.[1];
    if (other === undefined || other === own) continue;
    const found = manifestDirs(join(dir, name));
    if (found === undefined || JSON.stringify(found.sort()) !== want) continue;
    const files = filesOf(other);
    for (const file of names) {
      if (!files.test(file)) continue;
      try {
        rmSync(join(dir, file), { force: true });
      } catch {}
    }
  }
}

/** The `dirs` of the manifest at `file`, or undefined when its start does not name them. */
function manifestDirs(file: string): string[] | undefined {
  let text: string;
  try {
    const fd = openSync(file, "r");
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      text = buffer.toString("utf8", 0, readSync(fd, buffer, 0, HEAD_BYTES, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const from = text.indexOf(DIRS);
  // Inside a JSON string a quote is escaped, so the first `],"entries":` ends the list.
  const to = text.indexOf(ENTRIES, from);
  if (from < 0 || to < 0) return undefined;
  try {
    const dirs = JSON.parse(text.slice(from + DIRS.length, to + 1)) as unknown;
    return Array.isArray(dirs) && dirs.every((d) => typeof d === "string") ? dirs : undefined;
  } catch {
    return undefined;
  }
}
