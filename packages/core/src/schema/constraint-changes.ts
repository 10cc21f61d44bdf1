import type { Operation } from "../operations/operation.js";
import type {
  CheckDefinition,
  ConstraintDefinition,
  ForeignKeyDefinition,
  UniqueDefinition,
} from "../operations/table-definition.js";
import { inventName } from "./constraint-names.js";
import { matchSides } from "./match-constraints.js";
import type { TablePair } from "./match-tables.js";
import {
  change,
  label,
  type PendingChange,
  Phase,
  type PhasedOperation,
} from "./schema-changes.js";

/** Why a new constraint on an existing table can fail on the rows it already holds. */
const NEW_KEY_RISK: Partial<Record<Kind, string>> = {
  unique: "new unique constraint on {table} fails if existing rows hold duplicates",
  primary: "new primary key on {table} fails if existing rows hold duplicates or NULLs",
};

export type Kind = "primary" | "unique" | "check" | "foreign";

export interface Side {
  readonly name: string | null;
  /** What the constraint is, in the declared names: it matches on this, not its name. */
  readonly signature: string;
  /** What else must agree (foreign key actions). */
  readonly detail: string;
  /** Options that must agree too, in words for the message (`NULLS NOT DISTINCT`). */
  readonly options?: string | undefined;
  /** It uses a column that changes in a way it cannot survive. */
  readonly touched: boolean;
}

export interface KindRules<T> {
  live(item: T): Side;
  goal(item: T): Side;
  /** The declaration's constraint for a target one, as the user wrote it. */
  declared(item: T): ConstraintDefinition | undefined;
  /** The live constraint as a definition, for `existing` (index in the live list). */
  existing(item: T, index: number): ConstraintDefinition;
  what(item: T): string;
}

/**
 * One kind of constraint compared: matched on signature; a matched pair is re-created when
 * its details, its declared name or a column under it change; the rest are dropped / made.
 */
export function compareKind<T extends { readonly name: string | null }>(
  pair: TablePair,
  kind: Kind,
  live: readonly T[],
  goals: readonly T[],
  rules: KindRules<T>,
): PendingChange[] {
  const out: PendingChange[] = [];
  const left = goals.map((g) => ({ item: g, side: rules.goal(g) }));
  const on = label(pair.name);
  const dropped: { item: T; index: number }[] = [];
  for (const { item, index, side, goal } of matchSides(live, (x) => rules.live(x), left)) {
    if (goal === undefined) {
      dropped.push({ item, index });
      continue;
    }
    const declared = rules.declared(goal.item);
    const renamed = declared?.name !== undefined && declared.name !== side.name;
    const why =
      goal.side.detail !== side.detail
        ? "its actions change"
        : goal.side.options !== side.options
          ? `now ${goal.side.options}`
          : renamed
            ? `renamed to ${declared?.name}`
            : side.touched || goal.side.touched
              ? "a column it uses changes"
              : undefined;
    if (why === undefined) continue;
    out.push(
      change(
        "addConstraint",
        pair.name,
        goal.item.name ?? undefined,
        `re-create ${rules.what(goal.item)} on ${on} (${why})`,
        [
          ...dropOps(pair, kind, item, rules.existing(item, index)),
          ...createOps(pair, kind, goal.item, declared),
        ],
      ),
    );
  }
  for (const { item, index } of dropped) {
    out.push(
      change(
        "dropConstraint",
        pair.name,
        item.name ?? undefined,
        `drop ${rules.what(item)} on ${on}`,
        dropOps(pair, kind, item, rules.existing(item, index)),
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
        NEW_KEY_RISK[kind]?.replace("{table}", on),
      ),
    );
  }
  return out;
}

function dropOps<T extends { readonly name: string | null }>(
  pair: TablePair,
  kind: Kind,
  item: T,
  existing: ConstraintDefinition,
): PhasedOperation[] {
  // An unnamed constraint (SQLite) is dropped by its definition: the made-up name matches
  // nothing, so the table is rebuilt without the constraint `existing` describes.
  const columns = "columns" in existing ? existing.columns : [];
  const name = item.name ?? inventName(kind, pair.oldName.name, columns, [pair.live, pair.target]);
  const op: Operation = {
    kind: "dropConstraint",
    table: pair.oldName,
    name,
    type: kind,
    existing: { ...existing, name: item.name ?? undefined },
  };
  return [{ phase: kind === "foreign" ? Phase.dropForeignKeys : Phase.dropIndexes, op }];
}

function createOps<T extends { readonly name: string | null }>(
  pair: TablePair,
  kind: Kind,
  goal: T,
  declared: ConstraintDefinition | undefined,
): PhasedOperation[] {
  if (declared === undefined) return kind === "unique" ? uniqueIndexOps(pair, goal) : [];
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

/**
 * A unique the server reads as a constraint but the declaration wrote as a unique index
 * (MySQL has one object for both): made as the index declared.
 */
function uniqueIndexOps<T extends { readonly name: string | null }>(
  pair: TablePair,
  goal: T,
): PhasedOperation[] {
  const columns = (goal as { columns?: readonly string[] }).columns ?? [];
  const index = pair.declared.indexes.find(
    (i) =>
      i.unique === true &&
      i.where === undefined &&
      i.columns.length === columns.length &&
      i.columns.every((c, n) => c === columns[n]),
  );
  const constraint = {
    name: goal.name ?? inventName("unique", pair.name.name, columns, [pair.live, pair.target]),
    columns,
  };
  const op: Operation =
    index === undefined
      ? { kind: "createUniqueConstraint", table: pair.name, constraint }
      : { kind: "createIndex", table: pair.name, index };
  return [{ phase: Phase.createIndexes, op }];
}
