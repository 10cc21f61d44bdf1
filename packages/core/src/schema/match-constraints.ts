/** What matching needs of a constraint: its name and what it is. */
interface Side {
  readonly name: string | null;
  readonly signature: string;
}

export interface Matched<T, S extends Side> {
  readonly item: T;
  readonly index: number;
  readonly side: S;
  /** The target constraint it stands for, or undefined when it is dropped. */
  readonly goal: { readonly item: T; readonly side: S } | undefined;
}

/**
 * Pairs live constraints with target ones, taking the matched targets out of `left`.
 * A pair with the same name and definition goes first, so a unique index and a named
 * unique over the same columns each keep their own; then any with the same definition.
 * A target is taken once: one live constraint never stands for two declared ones.
 */
export function matchSides<T, S extends Side>(
  live: readonly T[],
  sideOf: (item: T) => S,
  left: { readonly item: T; readonly side: S }[],
): Matched<T, S>[] {
  const sides = live.map((item, index) => ({ item, index, side: sideOf(item) }));
  const goals = new Map<number, (typeof left)[number]>();
  const take = (i: number, at: number) => {
    goals.set(i, left.splice(at, 1)[0] as (typeof left)[number]);
  };
  sides.forEach(({ side }, i) => {
    if (side.name === null) return;
    const at = left.findIndex(
      (g) => g.side.name === side.name && g.side.signature === side.signature,
    );
    if (at >= 0) take(i, at);
  });
  sides.forEach(({ side }, i) => {
    if (goals.has(i)) return;
    const at = left.findIndex((g) => g.side.signature === side.signature);
    if (at >= 0) take(i, at);
  });
  return sides.map((s, i) => ({ ...s, goal: goals.get(i) }));
}
