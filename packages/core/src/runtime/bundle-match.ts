import { basename } from "node:path";
import type { BundleManifest } from "./bundle-manifest.js";
import type { ScriptRef } from "./script-module.js";

/**
 * Each ref's position among the manifest's entries (-1: none), matched by file name and
 * directory without making a string: a bundle built for the same run holds the refs in their
 * order, so each is tried at its own position first, and only a ref found elsewhere has the
 * entries' names looked up.
 */
export function findEntries(manifest: BundleManifest, refs: readonly ScriptRef[]): Int32Array {
  let byName: Map<string, number | number[]> | undefined;
  const at = new Int32Array(refs.length).fill(-1);
  for (let k = 0; k < refs.length; k++) {
    const ref = refs[k]!;
    const name = ref.fileName ?? basename(ref.path);
    if (k < manifest.count && manifest.isAt(k, ref.path, name)) {
      at[k] = k;
      continue;
    }
    byName ??= namesOf(manifest);
    const named = byName.get(name);
    for (const i of typeof named === "number" ? [named] : (named ?? [])) {
      if (manifest.isAt(i, ref.path, name)) {
        at[k] = i;
        break;
      }
    }
  }
  return at;
}

function namesOf(manifest: BundleManifest): Map<string, number | number[]> {
  const byName = new Map<string, number | number[]>();
  for (let at = 0; at < manifest.count; at++) {
    const name = manifest.name(at);
    const other = byName.get(name);
    if (other === undefined) byName.set(name, at);
    else if (typeof other === "number") byName.set(name, [other, at]);
    else other.push(at);
  }
  return byName;
}
