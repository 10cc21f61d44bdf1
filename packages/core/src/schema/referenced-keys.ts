import type { CompareContext } from "./match-tables.js";
import { same } from "./schema-changes.js";

/**
 * Whether a foreign key into table `ref` over `columns` (declared names) is in the way of
 * a change there: a referenced column is dropped, re-created or changes type, or the
 * primary key / unique constraint over them goes or is re-created. Such a key is dropped
 * before and made again after, as servers refuse those changes under a foreign key.
 */
export function referenceMoves(
  ctx: CompareContext,
  ref: string,
  columns: readonly string[],
): boolean {
  const pair = ctx.pairs.get(ref);
  if (pair === undefined) return false;
  const sets = [ctx.retyped, ctx.replaced, ctx.gone];
  if (columns.some((c) => sets.some((s) => s.get(ref)?.has(c) === true))) return true;
  const col = (c: string) => pair.columnRenames.get(c) ?? c;
  const livePk = pair.live.primaryKey;
  if (livePk && same(livePk.columns.map(col), columns)) {
    const goal = pair.target.primaryKey;
    const named = pair.declared.primaryKey?.name;
    return !goal || !same(goal.columns, columns) || (named !== undefined && named !== livePk.name);
  }
  const liveUnique = pair.live.uniques.find((u) => same(u.columns.map(col), columns));
  if (liveUnique) {
    const goal = pair.target.uniques.some((u) => same(u.columns, columns));
    const named = pair.declared.uniques.find((u) => same(u.columns, columns))?.name;
    return !goal || (named !== undefined && named !== liveUnique.name);
  }
  return false;
}
