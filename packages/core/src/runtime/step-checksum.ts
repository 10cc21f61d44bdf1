import type { ChecksumCache } from "../script/checksum-cache.js";
import { scriptFileChecksum } from "../script/script-checksum.js";
import type { ScriptLoader } from "./script-loader.js";
import type { ScriptRef } from "./script-module.js";

/**
 * The script's checksum: from its bundle entry (offline), else from the cache when the
 * index gave its size and change time (online runs keep it filled for the next mismatch check).
 */
export function checksumOf(
  script: ScriptRef,
  cache: (() => ChecksumCache) | undefined,
  bundled: ScriptLoader | undefined,
): string {
  const sum = bundled?.checksum(script);
  if (sum !== undefined) return sum;
  const { size, changedMs } = script;
  if (cache && size !== undefined && changedMs !== undefined) {
    return cache().checksum({ path: script.path, size, changedMs });
  }
  return scriptFileChecksum(script.path);
}
