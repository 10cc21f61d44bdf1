/**
 * Version rows as a reader of the graph sees them: an id a squash replaced reads as the
 * revision that replaced it, once (a run reads the raw rows instead, see pre-squash-project.ts).
 */
export function readReplaced(
  rows: string[],
  replaced: ReadonlyMap<string, { readonly header: { readonly revision: string } }> | undefined,
): string[] {
  if (replaced === undefined || replaced.size === 0) return rows;
  const out: string[] = [];
  for (const row of rows) {
    const id = replaced.get(row)?.header.revision ?? row;
    if (!out.includes(id)) out.push(id);
  }
  return out;
}
