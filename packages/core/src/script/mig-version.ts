import { readFileSync } from "node:fs";

let cached: string | undefined;

/**
 * @mig/core's version, for the applied log and what the caches were written by: the nearest
 * package.json above this module (src/script/ under tests, dist/ when built). Read once.
 */
export function migVersion(): string {
  if (cached !== undefined) return cached;
  cached = "unknown";
  let url = new URL("./package.json", import.meta.url);
  for (let up = 0; up < 4; up++) {
    try {
      const pkg = JSON.parse(readFileSync(url, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "@mig/core" && pkg.version) {
        cached = pkg.version;
        break;
      }
    } catch {
      // Not here: one directory up.
    }
    url = new URL("../package.json", url);
  }
  return cached;
}
