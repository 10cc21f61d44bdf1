import { readFileSync, statSync } from "node:fs";
import { Script } from "node:vm";
import { changeStamp } from "../script/change-stamp.js";
import { scriptChecksum } from "../script/script-checksum.js";
import { RACY_MS } from "../script/script-index-layout.js";
import { bundleEntryCode } from "./bundle-entry.js";
import { type BundleEntry, entryHead, FOOT, lineCount } from "./bundle-store.js";
import { directEntryCode, type RunDirection } from "./direct-entry.js";
import type { ScriptRef } from "./script-module.js";

export type Stat = { readonly size: number; readonly changedMs: number };

/**
 * One script's bundle entry, built from its file as it is now: its code (the module body, or
 * for a run of one `direction` that function alone where it can be), its imports and checksum.
 */
export async function buildEntry(ref: ScriptRef, direction?: RunDirection): Promise<BundleEntry> {
  const stat = statOf(ref);
  const changedMs = stat.changedMs > Date.now() - RACY_MS ? -1 : stat.changedMs;
  let source: string;
  try {
    source = readFileSync(ref.path, "utf8");
  } catch {
    return {
      path: ref.path,
      size: stat.size,
      changedMs: -1,
      code: undefined,
      lines: 0,
      requires: [],
      checksum: undefined,
    };
  }
  const built = await bundleEntryCode(ref.path, source);
  const direct =
    built && direction && built.requires.length === 0
      ? directEntryCode(built.code, direction)
      : undefined;
  const code = direct ?? built?.code;
  return {
    path: ref.path,
    size: stat.size,
    changedMs,
    code,
    lines: code === undefined ? 0 : lineCount(code),
    direct: direct !== undefined,
    requires: built?.requires ?? [],
    checksum: scriptChecksum(source),
  };
}

/** Whether V8 compiles the entry as a bundle element (Sucrase lets some errors through). */
export function compiles(entry: BundleEntry): boolean {
  if (entry.code === undefined) return true;
  try {
    new Script(`"use strict";[${entryHead(entry)}${entry.code}${FOOT}]`);
    return true;
  } catch {
    return false;
  }
}

/** The stat the script's header was read with (else taken now). */
export function statOf(ref: ScriptRef): Stat {
  if (ref.size !== undefined && ref.changedMs !== undefined) return ref as Stat;
  const stat = statSync(ref.path, { throwIfNoEntry: false });
  return stat ? { size: stat.size, changedMs: changeStamp(stat) } : { size: -1, changedMs: -1 };
}

/** The entry was built from the file as `stat` finds it (and its stat was settled then). */
export function sameStat(entry: Stat, stat: Stat): boolean {
  return entry.changedMs >= 0 && entry.size === stat.size && entry.changedMs === stat.changedMs;
}
