import type { Operation } from "../operations/operation.js";
import type {
  CheckDefinition,
  ConstraintDefinition,
  ForeignKeyDefinition,
  UniqueDefinition,
} from "../operations/table-definition.js";
import { inventName } from "./constraint-names.js";
import { type CompareContext, referencedKey, type TablePair } from "./match-tables.js";
import {
  change,
  label,
  mentions,
  type PendingChange,
  Phase,
  type PhasedOperation,
  renameInSql,
  same,
} from "./schema-changes.js";
import type { CheckSnapshot, ForeignKeySnapshot, UniqueSnapshot } from "./schema-snapshot.js";
import { snapshotToDefinition } from "./snapshot-to-definition.js";

type Kind = "primary" | "unique" | "check" | "foreign";

interface Side {
  readonly name: string | null;
  /** What the constraint is, in the declared names: it matches on this, not its name. */
  readonly signature: string;
  /** What else must agree (foreign key actions). */
  readonly detail: string;
  /** It uses a column that changes in a way it cannot survive. */
  readonly touched: boolean;
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
  const goalDef = snapshotToDefinition(pair.target);
  const out: PendingChange[] = [];

  const livePk = pair.live.primaryKey;
  const goalPk = pair.target.primaryKey;
  out.push(
    ...compareKind(pair, ctx, "primary", livePk ? [livePk] : [], goalPk ? [goalPk] : [], {
      live: (pk) => ({
        name: pk.name,
        signature: cols(pk.columns.map(col)),
        detail: "",
        touched: hit(pk.columns.map(col)),
      }),
      goal: (pk) => ({
        name: pk.name,
        signature: cols(pk.columns),
        detail: "",
        touched: hit(pk.columns),
      }),
      declared: () =>
        pair.declared.primaryKey ? { type: "primary", ...pair.declared.primaryKey } : undefined,
      existing: () => ({ type: "primary", ...(pair.liveDef.primaryKey ?? { columns: [] }) }),
      what: (pk) => `primary key (${pk.columns.join(", ")})`,
    }),
  );
  out.push(
    ...compareKind(pair, ctx, "unique", pair.live.uniques, pair.target.uniques, {
      live: (u) => ({
        name: u.name,
        signature: cols(u.columns.map(col)),
        detail: "",
        touched: hit(u.columns.map(col)),
      }),
      goal: (u) => ({
        name: u.name,
        signature: cols(u.columns),
        detail: "",
        touched: hit(u.columns),
      }),
      declared: (u: UniqueSnapshot) => {
        const d = pair.declared.uniques.find((x) => same(x.columns, u.columns));
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
    ...compareKind(pair, ctx, "check", pair.live.checks, pair.target.checks, {
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
    ...compareKind(pair, ctx, "foreign", pair.live.foreignKeys, pair.target.foreignKeys, {
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
          touched: fkTouched(pair.key, own) || fkTouched(ref, refCols),
        };
      },
      goal: (fk) => {
        const ref = referencedKey(fk, pair.target, ctx);
        return {
          name: fk.name,
          signature: JSON.stringify([fk.columns, ref, fk.referencedColumns]),
          detail: `${fk.onDelete}/${fk.onUpdate}`,
          touched: fkTouched(pair.key, fk.columns) || fkTouched(ref, fk.referencedColumns),
        };
      },
      declared: (fk: ForeignKeySnapshot) => {
        const d = declaredForeignKey(pair.declared.foreignKeys, fk);
        const fallback = declaredForeignKey(goalDef.foreignKeys, fk);
        const def = d ?? fallback;
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
            };
      },
      what: (fk) =>
        `foreign key (${fk.columns.join(", ")}) → ${fk.referencedTable} (${fk.referencedColumns.join(", ")})`,
    }),
  );
  return out;
}

interface KindRules<T> {
  live(item: T): Side;
  goal(item: T): Side;
  /** The declaration's constraint for a target one, as the user wrote it. */
  declared(item: T): ConstraintDefinition | undefined;
  /** The live constraint as a definition, for `existing` (index in the live list). */
  existing(item: T, index: number): ConstraintDefinition;
  what(item: T): string;
}

function compareKind<T extends { readonly name: string | null }>(
  pair: TablePair,
  ctx: CompareContext,
  kind: Kind,
  live: readonly T[],
  goals: readonly T[],
  rules: KindRules<T>,
): PendingChange[] {
  const out: PendingChange[] = [];
  const left = goals.map((g) => ({ item: g, side: rules.goal(g) }));
  const on = label(pair.name);
  const dropped: { item: T; index: number }[] = [];
  live.forEach((item, index) => {
    const side = rules.live(item);
    const at = left.findIndex((g) => g.side.signature === side.signature);
    if (at < 0) {
      dropped.push({ item, index });
      return;
    }
    const goal = left.splice(at, 1)[0] as (typeof left)[number];
    const declared = rules.declared(goal.item);
    const renamed = declared?.name !== undefined && declared.name !== side.name;
    const why =
      goal.side.detail !== side.detail
        ? "its actions change"
        : renamed
          ? `renamed to ${declared?.name}`
          : side.touched || goal.side.touched
            ? "a column it uses changes"
            : undefined;
    if (why === undefined) return;
    out.push(
      change(
        "addConstraint",
        pair.name,
        goal.item.name ?? undefined,
        `re-create ${rules.what(goal.item)} on ${on} (${why})`,
        [
          ...dropOps(pair, ctx, kind, item, rules.existing(item, index)),
          ...createOps(pair, kind, goal.item, declared),
        ],
      ),
    );
  });
  for (const { item, index } of dropped) {
    out.push(
      change(
        "dropConstraint",
        pair.name,
        item.name ?? undefined,
        `drop ${rules.what(item)} on ${on}`,
        dropOps(pair, ctx, kind, item, rules.existing(item, index)),
      ),
    );
  }
  for (const { item } of left) {
    out.push(
      change(
        "addConstraint",
        pair.name,
        item.name ?? undefined,
        `add ${rules.what(item)} on ${on}`,
        createOps(pair, kind, item, rules.declared(item)),
        kind === "unique"
          ? `new unique constraint on ${on} fails if existing rows hold duplicates`
          : undefined,
      ),
    );
  }
  return out;
}

function dropOps<T extends { readonly name: string | null }>(
  pair: TablePair,
  ctx: CompareContext,
  kind: Kind,
  item: T,
  existing: ConstraintDefinition,
): PhasedOperation[] {
  if (item.name === null) {
    ctx.warnings.push(
      `${kind} constraint on ${label(pair.oldName)} has no name: autogenerate cannot drop it; drop it by hand`,
    );
    return [];
  }
  const op: Operation = {
    kind: "dropConstraint",
    table: pair.oldName,
    name: item.name,
    type: kind,
    existing: { ...existing, name: item.name },
  };
  return [{ phase: kind === "foreign" ? Phase.dropForeignKeys : Phase.dropIndexes, op }];
}

function createOps<T extends { readonly name: string | null }>(
  pair: TablePair,
  kind: Kind,
  goal: T,
  declared: ConstraintDefinition | undefined,
): PhasedOperation[] {
  if (declared === undefined) return [];
  // The server's name from the scratch schema when the declaration gives none.
  const columns = "columns" in declared ? declared.columns : [];
  const name =
    declared.name ??
    goal.name ??
    inventName(kind, pair.name.name, columns, [pair.live, pair.target]);
  const { type: _, ...named } = { ...declared, name };
  const table = pair.name;
  const op: Operation =
    kind === "primary"
      ? {
          kind: "createPrimaryKey",
          table,
          constraint: named as ConstraintDefinition & { type: "primary" },
        }
      : kind === "unique"
        ? { kind: "createUniqueConstraint", table, constraint: named as UniqueDefinition }
        : kind === "check"
          ? { kind: "createCheckConstraint", table, constraint: named as CheckDefinition }
          : { kind: "createForeignKey", table, constraint: named as ForeignKeyDefinition };
  return [{ phase: kind === "foreign" ? Phase.createForeignKeys : Phase.createIndexes, op }];
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

/** A declared check for a target one: by name, or the only one when there is one. */
function declaredCheck(pair: TablePair, c: CheckSnapshot): CheckDefinition {
  const byName = pair.declared.checks.find((d) => d.name !== undefined && d.name === c.name);
  if (byName) return byName;
  const only = pair.declared.checks.length === 1 && pair.target.checks.length === 1;
  return only ? (pair.declared.checks[0] as CheckDefinition) : { expression: c.expression };
}
