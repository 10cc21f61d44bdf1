import type { AlterColumnChanges, Operation } from "../operations/operation.js";
import { sql } from "../operations/sql-expression.js";
import type { ColumnDefinition } from "../operations/table-definition.js";
import { existingColumn, liveColumn, sameType } from "./live-definition.js";
import { type CompareContext, mark, type TablePair } from "./match-tables.js";
import { change, label, type PendingChange, Phase, same } from "./schema-changes.js";
import type { ColumnSnapshot } from "./schema-snapshot.js";
import { snapshotToDefinition } from "./snapshot-to-definition.js";
import { narrowing } from "./type-narrowing.js";

/**
 * The column changes of a table in both schemas: renames first, then added columns,
 * alterations, dropped columns. What ALTER COLUMN cannot change (identity, generated
 * expression, collation, autoincrement) is a drop and an add, marked destructive.
 */
export function compareColumns(pair: TablePair, ctx: CompareContext): PendingChange[] {
  const renames: PendingChange[] = [];
  const adds: PendingChange[] = [];
  const alters: PendingChange[] = [];
  const drops: PendingChange[] = [];
  const liveByName = new Map(
    pair.live.columns.map((c) => [pair.columnRenames.get(c.name) ?? c.name, c]),
  );
  const goalNames = new Set(pair.target.columns.map((c) => c.name));
  const declared = (name: string): ColumnDefinition =>
    pair.declared.columns.find((c) => c.name === name) ??
    liveColumn(snapshotToDefinition(pair.target), name);
  const where = (column: string) => `${label(pair.name)}.${column}`;

  for (const goal of pair.target.columns) {
    const was = liveByName.get(goal.name);
    const decl = declared(goal.name);
    if (was === undefined) {
      adds.push(addColumn(pair, goal, decl, where(goal.name)));
      continue;
    }
    const replace = replacement(was, goal);
    const newName = was.name === goal.name ? undefined : goal.name;
    if (replace !== undefined) {
      mark(ctx.replaced, pair.key, goal.name);
      alters.push(
        change(
          "alterColumn",
          pair.name,
          goal.name,
          `re-create column ${where(goal.name)} (${replace} changes)`,
          [
            {
              phase: Phase.columns,
              op: {
                kind: "dropColumn",
                table: pair.name,
                column: was.name,
                existing: liveColumn(pair.liveDef, was.name),
              },
            },
            { phase: Phase.columns, op: { kind: "addColumn", table: pair.name, column: decl } },
          ],
          `the ${replace} of ${where(goal.name)} cannot be altered: the column is dropped and added again, its data is lost`,
        ),
      );
      continue;
    }
    const changes = alterations(was, goal, decl, ctx);
    if (changes.type !== undefined) mark(ctx.retyped, pair.key, goal.name);
    if (Object.keys(changes).length === 0 && newName === undefined) continue;
    const op: Operation = {
      kind: "alterColumn",
      table: pair.name,
      column: was.name,
      changes: newName === undefined ? changes : { ...changes, newName },
      existing: existingColumn(was, ctx.liveEnums),
    };
    const what = describeAlter(was, goal, changes.type !== undefined);
    const description =
      newName === undefined
        ? `alter column ${where(goal.name)}: ${what}`
        : `rename column ${where(was.name)} → ${goal.name}${what === "" ? "" : `: ${what}`}`;
    const target = newName === undefined ? alters : renames;
    target.push(
      change(
        newName === undefined ? "alterColumn" : "renameColumn",
        pair.name,
        goal.name,
        description,
        [{ phase: Phase.columns, op }],
        alterDanger(was, goal, where(goal.name)),
      ),
    );
  }
  for (const [name, was] of liveByName) {
    if (goalNames.has(name)) continue;
    mark(ctx.gone, pair.key, was.name);
    drops.push(
      change(
        "dropColumn",
        pair.name,
        was.name,
        `drop column ${where(was.name)}`,
        [
          {
            phase: Phase.dropColumns,
            op: {
              kind: "dropColumn",
              table: pair.name,
              column: was.name,
              existing: liveColumn(pair.liveDef, was.name),
            },
          },
        ],
        `drops column ${where(was.name)} and its data`,
      ),
    );
  }
  hintRenames(pair, adds, drops);
  return [...renames, ...adds, ...alters, ...drops];
}

function addColumn(
  pair: TablePair,
  goal: ColumnSnapshot,
  decl: ColumnDefinition,
  where: string,
): PendingChange {
  const unfilled =
    !goal.nullable && goal.default === null && !goal.autoincrement && goal.generated === null;
  return change(
    "addColumn",
    pair.name,
    goal.name,
    `add column ${where} ${describeColumn(goal)}`,
    [{ phase: Phase.columns, op: { kind: "addColumn", table: pair.name, column: decl } }],
    unfilled
      ? `adds NOT NULL column ${where} without a default: fails if the table has rows`
      : undefined,
  );
}

/** What makes a column need a drop and an add, or undefined when ALTER can do it. */
function replacement(was: ColumnSnapshot, goal: ColumnSnapshot): string | undefined {
  if (!same(was.generated, goal.generated)) return "generated expression";
  if (was.identity !== goal.identity) return "identity";
  if (was.autoincrement !== goal.autoincrement) return "autoincrement";
  if (was.collation !== goal.collation) return "collation";
  return undefined;
}

function alterations(
  was: ColumnSnapshot,
  goal: ColumnSnapshot,
  decl: ColumnDefinition,
  ctx: CompareContext,
): AlterColumnChanges {
  const out: { -readonly [K in keyof AlterColumnChanges]: AlterColumnChanges[K] } = {};
  if (!sameType(was.type, ctx.liveEnums, goal.type, ctx.targetEnums)) out.type = decl.type;
  if (was.nullable !== goal.nullable) out.nullable = goal.nullable;
  if (was.default !== goal.default) {
    // The declaration's spelling when it has one; the server's when the server added it.
    out.default = goal.default === null ? null : (decl.default ?? sql(goal.default));
  }
  if (was.comment !== goal.comment) out.comment = goal.comment;
  return out;
}

function describeAlter(was: ColumnSnapshot, goal: ColumnSnapshot, retyped: boolean): string {
  const parts: string[] = [];
  if (retyped) parts.push(`type ${was.type} → ${goal.type}`);
  if (was.nullable !== goal.nullable) parts.push(goal.nullable ? "nullable" : "not null");
  if (was.default !== goal.default) {
    parts.push(`default ${was.default ?? "none"} → ${goal.default ?? "none"}`);
  }
  if (was.comment !== goal.comment) parts.push(goal.comment === null ? "drop comment" : "comment");
  return parts.join(", ");
}

function alterDanger(was: ColumnSnapshot, goal: ColumnSnapshot, where: string): string | undefined {
  const reasons: string[] = [];
  const narrow = narrowing(was.type, goal.type);
  if (narrow !== undefined) reasons.push(`${where} ${narrow}`);
  if (was.nullable && !goal.nullable) {
    // A default, new or not, fills only rows inserted later: the rows that hold NULL stay.
    reasons.push(
      goal.default === null
        ? `sets NOT NULL on ${where} without a default: fails if a row holds NULL`
        : `sets NOT NULL on ${where}: fails if a row holds NULL (the default fills only new rows; UPDATE those first)`,
    );
  }
  return reasons.length === 0 ? undefined : reasons.join("; ");
}

export function describeColumn(c: ColumnSnapshot): string {
  return [c.type, c.nullable ? "" : "not null", c.default === null ? "" : `default ${c.default}`]
    .filter((s) => s !== "")
    .join(" ");
}

/** A dropped and an added column of one type in one table look like a rename. */
function hintRenames(pair: TablePair, adds: PendingChange[], drops: PendingChange[]): void {
  const typeOf = (cols: readonly ColumnSnapshot[], name: string | undefined) =>
    cols.find((c) => c.name === name)?.type;
  const used = new Set<PendingChange>();
  for (const add of adds) {
    const type = typeOf(pair.target.columns, add.object);
    const drop = drops.find((d) => !used.has(d) && typeOf(pair.live.columns, d.object) === type);
    if (drop === undefined) continue;
    used.add(drop);
    const hint = `looks like a rename of ${label(pair.name)}.${drop.object} → ${label(pair.name)}.${add.object}: declare renamedFrom: "${drop.object}"`;
    add.renameHint = hint;
    drop.renameHint = hint;
  }
}
