/**
 * For a "did you mean" hint: the name of `known` within `maxEdits` edits of `given` (letter
 * case aside), the nearest one where several are; undefined when none is that near. By
 * default a name may be off by one edit per three letters, at least one: `uri` suggests
 * `url`, but `sql` does not suggest `url`, nor `fmt` `out`.
 */
export function closestName(
  given: string,
  known: readonly string[],
  maxEdits = Math.max(1, Math.floor(given.length / 3)),
): string | undefined {
  let best: string | undefined;
  let bestDistance = maxEdits + 1;
  for (const candidate of known) {
    const d = editDistance(given.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/**
 * Edits between two names: insertions, deletions, substitutions of one character, and
 * swaps of two neighbours (`rnage` is one edit from `range`, as a typist makes it).
 */
function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j]!, beforePrevious[j - 2]! + 1);
      }
    }
    beforePrevious = previous;
    previous = row;
  }
  return previous[b.length]!;
}
