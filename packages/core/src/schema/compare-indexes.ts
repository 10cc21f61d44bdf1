import type { Operation } from "../operations/operation.js";
import type { IndexDefinition } from "../operations/table-definition.js";
import type { CompareContext, TablePair } from "./match-tables.js";
import {
  change,
  label,
  mentions,
  type PendingChange,
  Phase,
  renameInSql,
  same,
} from "./schema-changes.js";
import type { IndexSnapshot } from "./schema-snapshot.js";
import { snapshotToDefinition } from "./snapshot-to-definition.js";

/**
 * Index changes of a table in both schemas. Indexes match by name, then by definition
 * (keys, unique, predicate, method, include): an index the server or a tool named
 * differently but built the same is not a change. An index over a column that is
 * dropped and added again is re-created around it.
 */
export function compareIndexes(pair: TablePair, ctx: CompareContext): PendingChange[] {
  const replaced = ctx.replaced.get(pair.key) ?? new Set<string>();
  const live = pair.live.indexes.map((i) => renamedIndex(i, pair.columnRenames));
  const goals = [...pair.target.indexes];
  const out: PendingChange[] = [];
  const on = label(pair.name);
  const unmatchedLive: IndexSnapshot[] = [];
  for (const was of live) {
    const i = goals.findIndex((g) => g.name === was.name);
    if (i < 0) {
      unmatchedLive.push(was);
      continue;
    }
    const goal = goals.splice(i, 1)[0] as IndexSnapshot;
    const touched = [...replaced].some((c) => uses(goal, c));
    if (same(shape(was), shape(goal)) && !touched) continue;
    const why = touched ? "a column it uses is re-created" : "its definition changes";
    out.push(
      change(
        "addIndex",
        pair.name,
        goal.name,
        `re-create index ${goal.name} on ${on} (${why})`,
        [drop(pair, was.name), create(pair, goal.name)],
        unique(goal, was, on),
      ),
    );
  }
  for (const was of unmatchedLive) {
    const i = goals.findIndex((g) => same(shape(was), shape(g)));
    if (i >= 0 && ![...replaced].some((c) => uses(was, c))) {
      goals.splice(i, 1);
      continue;
    }
    out.push(
      change("dropIndex", pair.name, was.name, `drop index ${was.name} on ${on}`, [
        drop(pair, was.name),
      ]),
    );
  }
  for (const goal of goals) {
    out.push(
      change(
        "addIndex",
        pair.name,
        goal.name,
        `add ${goal.unique ? "unique " : ""}index ${goal.name} on ${on} (${goal.columns.join(", ")})${goal.where === null ? "" : ` where ${goal.where}`}`,
        [create(pair, goal.name)],
        unique(goal, undefined, on),
      ),
    );
  }
  return out;
}

/** What makes two indexes the same, apart from their names. */
function shape(i: IndexSnapshot): Omit<IndexSnapshot, "name"> {
  const { name: _, ...rest } = i;
  return rest;
}

function uses(i: IndexSnapshot, column: string): boolean {
  return (
    i.columns.includes(column) ||
    i.include.includes(column) ||
    i.keys.some((k) => k.expression !== null && mentions(k.expression, column)) ||
    (i.where !== null && mentions(i.where, column))
  );
}

function unique(
  goal: IndexSnapshot,
  was: IndexSnapshot | undefined,
  on: string,
): string | undefined {
  const kept = was?.unique === true && same(was.columns, goal.columns);
  if (!goal.unique || (kept && (was?.nullsNotDistinct || !goal.nullsNotDistinct))) return undefined;
  return `new unique index ${goal.name} on ${on} fails if existing rows hold duplicates`;
}

/** A live index in the declared names of its table's renamed columns. */
export function renamedIndex(
  i: IndexSnapshot,
  renames: ReadonlyMap<string, string>,
): IndexSnapshot {
  if (renames.size === 0) return i;
  const col = (c: string) => renames.get(c) ?? c;
  return {
    ...i,
    columns: i.columns.map((c) => renames.get(c) ?? renameInSql(c, renames)),
    keys: i.keys.map((k) => ({
      ...k,
      column: k.column === null ? null : col(k.column),
      expression: k.expression === null ? null : renameInSql(k.expression, renames),
    })),
    where: i.where === null ? null : renameInSql(i.where, renames),
    include: i.include.map(col),
  };
}

function drop(pair: TablePair, name: string) {
  const existing = pair.liveDef.indexes.find((i) => i.name === name);
  const op: Operation = { kind: "dropIndex", name, table: pair.oldName, existing };
  return { phase: Phase.dropIndexes, op };
}

function create(pair: TablePair, name: string) {
  const index: IndexDefinition | undefined =
    pair.declared.indexes.find((i) => i.name === name) ??
    snapshotToDefinition(pair.target).indexes.find((i) => i.name === name);
  if (index === undefined) throw new Error(`compareIndexes: no definition for index ${name}`);
  const op: Operation = { kind: "createIndex", table: pair.name, index };
  return { phase: Phase.createIndexes, op };
}
