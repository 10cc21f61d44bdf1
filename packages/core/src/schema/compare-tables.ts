import type { ForeignKeyDefinition } from "../operations/table-definition.js";
import { byHandTableChanges } from "./by-hand-table-changes.js";
import { compareColumns } from "./compare-columns.js";
import { compareConstraints, declaredForeignKey } from "./compare-constraints.js";
import { compareIndexes } from "./compare-indexes.js";
import { inventName } from "./constraint-names.js";
import { type CompareContext, referencedKey } from "./match-tables.js";
import { dependencyOrder } from "./order-tables.js";
import { referenceMoves } from "./referenced-keys.js";
import {
  change,
  label,
  type PendingChange,
  Phase,
  type PhasedOperation,
  same,
  tableKey,
} from "./schema-changes.js";
import type { ForeignKeySnapshot, TableSnapshot } from "./schema-snapshot.js";

/**
 * Every table change, in build order: renamed tables, new tables (foreign-key sorted),
 * the changes of each table in both schemas, dropped tables (reverse foreign-key order).
 */
export function compareTables(ctx: CompareContext): PendingChange[] {
  const renames: PendingChange[] = [];
  const columns: PendingChange[] = [];
  const rest: PendingChange[] = [];
  for (const pair of ctx.pairs.values()) {
    if (pair.oldName.name !== pair.name.name) {
      renames.push(
        change(
          "renameTable",
          pair.name,
          undefined,
          `rename table ${label(pair.oldName)} → ${pair.name.name}`,
          [
            {
              phase: Phase.renameTables,
              op: { kind: "renameTable", table: pair.oldName, newName: pair.name.name },
            },
          ],
        ),
      );
    }
    if (pair.live.comment !== pair.target.comment) {
      columns.push(
        change(
          "tableComment",
          pair.name,
          undefined,
          `${pair.target.comment === null ? "drop" : "set"} comment on table ${label(pair.name)}`,
          [
            {
              phase: Phase.columns,
              op: {
                kind: "setTableComment",
                table: pair.name,
                comment: pair.target.comment,
                existing: pair.live.comment,
              },
            },
          ],
        ),
      );
    }
    columns.push(...byHandTableChanges(pair));
    columns.push(...compareColumns(pair, ctx));
  }
  // Constraints last: a foreign key needs to know every table's retyped columns.
  for (const pair of ctx.pairs.values()) {
    rest.push(...compareConstraints(pair, ctx), ...compareIndexes(pair, ctx));
  }
  const created = createTables(ctx);
  const dropped = dropTables(ctx);
  hintTableRenames(ctx, created, dropped);
  return [...renames, ...created, ...columns, ...rest, ...dropped];
}

function createTables(ctx: CompareContext): PendingChange[] {
  const keys = [...ctx.created.keys()];
  const refs = (key: string) => {
    const t = ctx.created.get(key)?.target;
    return t ? t.foreignKeys.map((fk) => referencedKey(fk, t, ctx)) : [];
  };
  const { order, cut } = dependencyOrder(keys, refs);
  const cutSet = new Set(cut.map(([from, to]) => JSON.stringify([from, to])));
  return order.map((key) => {
    const { target, declared } = ctx.created.get(key) as NonNullable<
      ReturnType<typeof ctx.created.get>
    >;
    const later: ForeignKeyDefinition[] = [];
    for (const fk of target.foreignKeys) {
      const ref = referencedKey(fk, target, ctx);
      if (
        !cutSet.has(JSON.stringify([key, ref])) &&
        referenceReady(ctx, ref, fk.referencedColumns)
      ) {
        continue;
      }
      const decl = declaredForeignKey(declared.foreignKeys, fk);
      const name =
        decl?.name ?? fk.name ?? inventName("foreign", target.name, fk.columns, [target]);
      if (decl) later.push({ ...decl, name });
    }
    const definition = {
      ...declared,
      foreignKeys: declared.foreignKeys.filter(
        (d) =>
          !later.some((l) => same(l.columns, d.columns) && l.references.name === d.references.name),
      ),
    };
    const ops: PhasedOperation[] = [
      { phase: Phase.createTables, op: { kind: "createTable", definition } },
      ...later.map((constraint) => ({
        phase: Phase.createForeignKeys,
        op: { kind: "createForeignKey" as const, table: declared.table, constraint },
      })),
    ];
    const n = target.columns.length;
    return change(
      "addTable",
      declared.table,
      undefined,
      `add table ${label(declared.table)} (${n} column${n === 1 ? "" : "s"})`,
      ops,
    );
  });
}

/**
 * Whether a new table's foreign key to an existing table can be made with the table:
 * the referenced columns are there before any change and keep their key and type.
 */
function referenceReady(ctx: CompareContext, ref: string, columns: readonly string[]): boolean {
  const pair = ctx.pairs.get(ref);
  if (pair === undefined) return true;
  if (referenceMoves(ctx, ref, columns)) return false;
  const col = (c: string) => pair.columnRenames.get(c) ?? c;
  const keys = [
    ...(pair.live.primaryKey ? [pair.live.primaryKey.columns] : []),
    ...pair.live.uniques.map((u) => u.columns),
    ...pair.live.indexes.filter((i) => i.unique && i.where === null).map((i) => i.columns),
  ];
  return keys.some((k) => same(k.map(col), columns));
}

function dropTables(ctx: CompareContext): PendingChange[] {
  const keys = [...ctx.dropped.keys()];
  const refs = (key: string) => {
    const t = ctx.dropped.get(key)?.live;
    return t ? t.foreignKeys.map((fk) => referencedKey(fk, t, ctx)) : [];
  };
  const { order, cut } = dependencyOrder(keys, refs);
  return [...order].reverse().map((key) => {
    const { live, liveDef } = ctx.dropped.get(key) as NonNullable<
      ReturnType<typeof ctx.dropped.get>
    >;
    const name = liveDef.table;
    // Keys between dropped tables in a cycle go first, so each table can then be dropped.
    const cyclic = new Set(cut.filter(([from]) => from === key).map(([, to]) => to));
    const first: PhasedOperation[] = [];
    const kept = liveDef.foreignKeys.filter((fk, i) => {
      const snap = live.foreignKeys[i];
      if (
        snap === undefined ||
        !(cyclic.has(referencedKey(snap, live, ctx)) || blocks(ctx, snap, live))
      ) {
        return true;
      }
      // An unnamed key (SQLite) goes by its definition, under a made-up name.
      first.push({
        phase: Phase.dropForeignKeys,
        op: {
          kind: "dropConstraint",
          table: name,
          name: snap.name ?? inventName("foreign", name.name, fk.columns, [live]),
          type: "foreign",
          existing: { type: "foreign", ...fk, name: snap.name ?? undefined },
        },
      });
      return false;
    });
    return change(
      "dropTable",
      name,
      undefined,
      `drop table ${label(name)}`,
      [
        ...first,
        {
          phase: Phase.dropTables,
          op: {
            kind: "dropTable",
            table: name,
            existing: {
              ...liveDef,
              foreignKeys: kept.map((fk) => renamedTarget(ctx, fk, live.schema)),
            },
          },
        },
      ],
      `drops table ${label(name)} and all its rows`,
    );
  });
}

/**
 * A dropped table's key as it reads when the table goes (after renames): the table and
 * columns it references under their new names, so the downgrade re-creates it right.
 */
function renamedTarget(
  ctx: CompareContext,
  fk: ForeignKeyDefinition,
  schema: string | undefined,
): ForeignKeyDefinition {
  const key = tableKey(fk.references.schema ?? schema, fk.references.name, ctx.defaultSchema);
  const pair = ctx.pairs.get(ctx.renamedKeys.get(key) ?? "");
  if (pair === undefined) return fk;
  return {
    ...fk,
    references: { ...fk.references, name: pair.name.name },
    referencedColumns: fk.referencedColumns.map((c) => pair.columnRenames.get(c) ?? c),
  };
}

/** A dropped table's key into a table whose referenced key or columns change first. */
function blocks(ctx: CompareContext, fk: ForeignKeySnapshot, from: TableSnapshot): boolean {
  const liveRef = referencedKey(fk, from, ctx);
  const ref = ctx.renamedKeys.get(liveRef);
  if (ref === undefined) return false;
  const renames = ctx.pairs.get(ref)?.columnRenames;
  return referenceMoves(
    ctx,
    ref,
    fk.referencedColumns.map((c) => renames?.get(c) ?? c),
  );
}

/** A dropped and a new table with the same columns look like a rename. */
function hintTableRenames(
  ctx: CompareContext,
  created: PendingChange[],
  dropped: PendingChange[],
): void {
  const shape = (t: TableSnapshot) => JSON.stringify(t.columns.map((c) => [c.name, c.type]).sort());
  const droppedShapes = [...ctx.dropped.values()].map((d) => ({ d, shape: shape(d.live) }));
  const used = new Set<string>();
  for (const add of created) {
    const nt = [...ctx.created.values()].find((c) => same(c.declared.table, add.table));
    if (nt === undefined) continue;
    const match = droppedShapes.find((x) => !used.has(x.d.key) && x.shape === shape(nt.target));
    if (match === undefined) continue;
    used.add(match.d.key);
    const hint = `looks like a rename of ${label(match.d.liveDef.table)} → ${label(nt.declared.table)}: declare renamedFrom: "${match.d.live.name}"`;
    add.renameHint = hint;
    const drop = dropped.find((c) => same(c.table, match.d.liveDef.table));
    if (drop) drop.renameHint = hint;
  }
}
