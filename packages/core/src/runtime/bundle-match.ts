import { basename, dirname } from "node:path";
import type { BundleEntry } from "./bundle-store.js";
import type { ScriptRef } from "./script-module.js";

/** Each ref's bundle entry (undefined: none) and its position among the bundle's entries. */
export interface Found {
  readonly entries: (BundleEntry | undefined)[];
  readonly at: Int32Array;
}

/**
 * Each ref's entry (undefined: none), matched by file name and directory: the entries'
 * paths are never hashed, which would first copy each of them whole. A bundle built for
 * the same run holds the refs in their order, so each is tried at its own position first.
 */
export function findEntries(entries: readonly BundleEntry[], refs: readonly ScriptRef[]): Found {
  let byName: Map<string, number | number[]> | undefined;
  const found: (BundleEntry | undefined)[] = [];
  const at = new Int32Array(refs.length).fill(-1);
  for (let k = 0; k < refs.length; k++) {
    const ref = refs[k]!;
    const name = ref.fileName ?? basename(ref.path);
    const same = entries[k];
    if (same !== undefined && samePath(same, ref, name)) {
      found.push(same);
      at[k] = k;
      continue;
    }
    byName ??= namesOf(entries);
    const named = byName.get(name);
    let hit: BundleEntry | undefined;
    for (const i of typeof named === "number" ? [named] : (named ?? [])) {
      if (samePath(entries[i]!, ref, name)) {
        hit = entries[i]!;
        at[k] = i;
        break;
      }
    }
    found.push(hit);
  }
  return { entries: found, at };
}

function namesOf(entries: readonly BundleEntry[]): Map<string, number | number[]> {
  const byName = new Map<string, number | number[]>();
  entries.forEach((entry, at) => {
    const name = entry.name ?? basename(entry.path);
    const other = byName.get(name);
    if (other === undefined) byName.set(name, at);
    else if (typeof other === "number") byName.set(name, [other, at]);
    else other.push(at);
  });
  return byName;
}

/** Same name and length, under the entry's directory: the same path. */
function samePath(entry: BundleEntry, ref: ScriptRef, name: string): boolean {
  if ((entry.name ?? basename(entry.path)) !== name) return false;
  const dir = entry.dir ?? dirname(entry.path);
  return entry.path.length === ref.path.length && ref.path.startsWith(dir);
}
