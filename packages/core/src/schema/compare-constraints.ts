import type {
  CheckDefinition,
  ForeignKeyDefinition,
  UniqueDefinition,
} from "../operations/table-definition.js";
import { compareKind } from "./constraint-changes.js";
import { type CompareContext, referencedKey, type TablePair } from "./match-tables.js";
import { referenceMoves } from "./referenced-keys.js";
import { mentions, type PendingChange, renameInSql, same } from "./schema-changes.js";
import type { CheckSnapshot, ForeignKeySnapshot, UniqueSnapshot } from "./schema-snapshot.js";
import { snapshotToDefinition } from "./snapshot-to-definition.js";

interface KeyColumns {
  readonly name: string | null;
  readonly columns: readonly string[];
}

/**
 * Primary key, unique, check and foreign key changes of a table in both schemas.
 * Constraints match by what they are (columns, expression, referenced columns), since
 * the server names unnamed ones itself; a name difference counts only when the
 * declaration names the constraint. Constraints made on an existing table carry the name
 * the server gave them in the scratch schema, so the downgrade can drop them by name.
 */
export function compareConstraints(pair: TablePair, ctx: CompareContext): PendingChange[] {
  const col = (c: string) => pair.columnRenames.get(c) ?? c;
  const cols = (list: readonly string[]) => JSON.stringify(list);
  const replaced = ctx.replaced.get(pair.key) ?? new Set<string>();
  const hit = (list: readonly string[]) => list.some((c) => replaced.has(c));
  // A primary key or unique is what its columns are (live ones under their new names).
  const byColumns = {
    live: (k: KeyColumns) => keyed(k, k.columns.map(col)),
    goal: (k: KeyColumns) => keyed(k, k.columns),
  };
  const keyed = (k: KeyColumns, columns: readonly string[]) => ({
    name: k.name,
    signature: cols(columns),
    detail: "",
    touched: hit(columns),
  });
  const out: PendingChange[] = [];

  const livePk = pair.live.primaryKey;
  const goalPk = pair.target.primaryKey;
  out.push(
    ...compareKind(pair, "primary", livePk ? [livePk] : [], goalPk ? [goalPk] : [], {
      ...byColumns,
      declared: () =>
        pair.declared.primaryKey ? { type: "primary", ...pair.declared.primaryKey } : undefined,
      existing: () => ({ type: "primary", ...(pair.liveDef.primaryKey ?? { columns: [] }) }),
      what: (pk) => `primary key (${pk.columns.join(", ")})`,
    }),
  );
  const nulls = (u: UniqueSnapshot) =>
    u.nullsNotDistinct ? "NULLS NOT DISTINCT" : "NULLS DISTINCT";
  out.push(
    ...compareKind(pair, "unique", pair.live.uniques, pair.target.uniques, {
      live: (u) => ({ ...byColumns.live(u), options: nulls(u) }),
      goal: (u) => ({ ...byColumns.goal(u), options: nulls(u) }),
      declared: (u: UniqueSnapshot) => {
        const d = declaredUnique(pair.declared.uniques, u);
        return d ? { type: "unique", ...d } : undefined;
      },
      existing: (u: UniqueSnapshot, i) => ({
        type: "unique",
        ...(pair.liveDef.uniques[i] ?? { columns: u.columns }),
      }),
      what: (u) => `unique (${u.columns.join(", ")})`,
    }),
  );
  const renamedSql = (text: string) => renameInSql(text, pair.columnRenames);
  out.push(
    ...compareKind(pair, "check", pair.live.checks, pair.target.checks, {
      live: (c) => ({
        name: c.name,
        signature: renamedSql(c.expression),
        detail: "",
        touched: [...replaced].some((r) => mentions(renamedSql(c.expression), r)),
      }),
      goal: (c) => ({
        name: c.name,
        signature: c.expression,
        detail: "",
        touched: [...replaced].some((r) => mentions(c.expression, r)),
      }),
      declared: (c: CheckSnapshot) => ({ type: "check", ...declaredCheck(pair, c) }),
      existing: (c: CheckSnapshot, i) => ({
        type: "check",
        ...(pair.liveDef.checks[i] ?? { expression: c.expression }),
      }),
      what: (c) => `check ${c.expression}`,
    }),
  );
  const fkTouched = (key: string, list: readonly string[]) =>
    list.some(
      (c) => ctx.replaced.get(key)?.has(c) === true || ctx.retyped.get(key)?.has(c) === true,
    );
  out.push(
    ...compareKind(pair, "foreign", pair.live.foreignKeys, pair.target.foreignKeys, {
      live: (fk) => {
        const liveRef = referencedKey(fk, pair.live, ctx);
        const ref = ctx.renamedKeys.get(liveRef) ?? liveRef;
        const refRenames = ctx.pairs.get(ref)?.columnRenames ?? new Map<string, string>();
        const refCols = fk.referencedColumns.map((c) => refRenames.get(c) ?? c);
        const own = fk.columns.map(col);
        return {
          name: fk.name,
          signature: JSON.stringify([own, ref, refCols]),
          detail: `${fk.onDelete}/${fk.onUpdate}`,
          options: deferrable(fk),
          touched: fkTouched(pair.key, own) || referenceMoves(ctx, ref, refCols),
        };
      },
      goal: (fk) => {
        const ref = referencedKey(fk, pair.target, ctx);
        return {
          name: fk.name,
          signature: JSON.stringify([fk.columns, ref, fk.referencedColumns]),
          detail: `${fk.onDelete}/${fk.onUpdate}`,
          options: deferrable(fk),
          touched: fkTouched(pair.key, fk.columns),
        };
      },
      declared: (fk: ForeignKeySnapshot) => {
        const d = declaredForeignKey(pair.declared.foreignKeys, fk);
        const def = d ?? declaredForeignKey(snapshotToDefinition(pair.target).foreignKeys, fk);
        return def ? { type: "foreign", ...def } : undefined;
      },
      existing: (fk: ForeignKeySnapshot, i) => {
        const d = pair.liveDef.foreignKeys[i];
        return d
          ? { type: "foreign", ...d }
          : {
              type: "foreign",
              columns: fk.columns,
              references: { name: fk.referencedTable },
              referencedColumns: fk.referencedColumns,
              deferrable: fk.deferrable,
            };
      },
      what: (fk) =>
        `foreign key (${fk.columns.join(", ")}) → ${fk.referencedTable} (${fk.referencedColumns.join(", ")})`,
    }),
  );
  return out;
}

function deferrable(fk: ForeignKeySnapshot): string {
  return fk.deferrable === undefined
    ? "NOT DEFERRABLE"
    : `DEFERRABLE INITIALLY ${fk.deferrable.toUpperCase()}`;
}

/** A declared foreign key for a target one: same columns, referenced table and columns. */
export function declaredForeignKey(
  list: readonly ForeignKeyDefinition[],
  fk: ForeignKeySnapshot,
): ForeignKeyDefinition | undefined {
  return list.find(
    (d) =>
      same(d.columns, fk.columns) &&
      d.references.name === fk.referencedTable &&
      same(d.referencedColumns, fk.referencedColumns),
  );
}

/**
 * A declared unique for a target one: by name; else an unnamed one over its columns (the
 * server named it); else, when the server reads no names (SQLite), any over its columns.
 * Never one named otherwise: that one is another constraint, such as a unique index's twin.
 */
function declaredUnique(
  list: readonly UniqueDefinition[],
  u: UniqueSnapshot,
): UniqueDefinition | undefined {
  const over = list.filter((d) => same(d.columns, u.columns));
  return (
    over.find((d) => d.name !== undefined && d.name === u.name) ??
    over.find((d) => d.name === undefined) ??
    (u.name === null ? over[0] : undefined)
  );
}

/** A declared check for a target one: by name, or the only one when there is one. */
function declaredCheck(pair: TablePair, c: CheckSnapshot): CheckDefinition {
  const byName = pair.declared.checks.find((d) => d.name !== undefined && d.name === c.name);
  if (byName) return byName;
  const only = pair.declared.checks.length === 1 && pair.target.checks.length === 1;
  return only ? (pair.declared.checks[0] as CheckDefinition) : { expression: c.expression };
}
