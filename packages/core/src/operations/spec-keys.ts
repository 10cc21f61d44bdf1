import { MigError } from "../errors/mig-error.js";

// A misspelt option (`nulable: false`) would otherwise be ignored without a word: the column
// made nullable, `mig check` content. Scripts and schema modules run transpiled, unchecked.

/**
 * Refuses the first key of `given` that is neither `listed` (the documented ones, offered in
 * the hint and as "did you mean") nor one of `extra`.
 */
export function refuseUnknownKeys(
  given: object,
  listed: readonly string[],
  extra: readonly string[],
  where: string,
): void {
  for (const key of Object.keys(given)) {
    if (listed.includes(key) || extra.includes(key)) continue;
    const near = closest(key, listed);
    throw new MigError(
      "invalid_option",
      `${where}: unknown option '${key}'${near ? ` (did you mean '${near}'?)` : ""}.`,
      { usage: true, hint: `Known options: ${listed.join(", ")}.` },
    );
  }
}

/** The known key within two edits of `key` (case aside), if one is. */
function closest(key: string, listed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of listed) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = row;
  }
  return previous[b.length]!;
}
