/** Tables in dependency order, and the edges that had to be cut to break cycles. */
export interface TableOrder {
  readonly order: readonly string[];
  /** `[table, referenced]` pairs whose foreign keys must be made after both tables exist. */
  readonly cut: readonly (readonly [string, string])[];
}

/**
 * Orders `keys` so each comes after the keys it depends on (a table after the tables its
 * foreign keys reference). Ties keep the given order, so the result is stable. On a cycle
 * the first waiting table goes next and its edges to tables not yet placed are cut.
 * Self-references are ignored: a table can hold a key to itself from the start.
 */
export function dependencyOrder(
  keys: readonly string[],
  dependsOn: (key: string) => Iterable<string>,
): TableOrder {
  const pending = new Set(keys);
  const deps = new Map(
    keys.map((k) => [k, new Set([...dependsOn(k)].filter((d) => d !== k && pending.has(d)))]),
  );
  const order: string[] = [];
  const cut: [string, string][] = [];
  while (pending.size > 0) {
    let next = [...pending].find((k) => [...(deps.get(k) ?? [])].every((d) => !pending.has(d)));
    if (next === undefined) {
      next = [...pending][0] as string;
      for (const d of deps.get(next) ?? []) if (pending.has(d)) cut.push([next, d]);
    }
    pending.delete(next);
    order.push(next);
  }
  return { order, cut };
}
