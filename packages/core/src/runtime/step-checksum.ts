import type { ChecksumCache } from "../script/checksum-cache.js";
import { scriptFileChecksum } from "../script/script-checksum.js";
import type { ScriptLoader } from "./script-loader.js";
import type { ScriptRef } from "./script-module.js";

/**
 * The script's checksum: from its bundle entry (offline), else from the cache when the
 * index gave its size and mtime (online runs keep it filled for the next mismatch check).
 */
export function checksumOf(
  script: ScriptRef,
  cache: (() => ChecksumCache) | undefined,
  bundled: ScriptLoader | undefined,
): string {
  const sum = bundled?.checksum(script);
  if (sum !== undefined) return sum;
  const { size, mtimeMs } = script;
  if (cache && size !== undefined && mtimeMs !== undefined) {
    return cache().checksum({ path: script.path, size, mtimeMs });
  }
  return scriptFileChecksum(script.path);
}
