import type { Operation } from "../operations/operation.js";
import { reverseOperation } from "../operations/reverse.js";
import type { ReferentialAction } from "../operations/table-definition.js";
import { alignNameCase } from "./align-name-case.js";
import { compareEnums } from "./compare-enums.js";
import { compareSchemaNames } from "./compare-schema-names.js";
import { compareTables } from "./compare-tables.js";
import type { DeclaredSchema } from "./declare-schema.js";
import { filterSnapshots, includer } from "./filter-snapshots.js";
import { matchTables } from "./match-tables.js";
import type { PendingChange, PhasedOperation } from "./schema-changes.js";
import type { SchemaChange, SchemaDiff } from "./schema-diff.js";
import type { SchemaFilter } from "./schema-filter.js";
import type { SchemaSnapshot, UnsupportedObject } from "./schema-snapshot.js";
import { unsupportedLabel } from "./unsupported-label.js";

export interface CompareInput {
  /** The database as it is. */
  readonly live: SchemaSnapshot;
  /** The declared schema as the same server reads it back (`Dialect.snapshotDeclared`). */
  readonly target: SchemaSnapshot;
  /** The declaration itself: operations are built from it, so they read as written. */
  readonly declared: DeclaredSchema;
  readonly filter?: SchemaFilter | undefined;
  /**
   * The dialect's foreign key action when none is written (`restrict` on MySQL): the
   * downgrade writes out any other, so a re-created key does what the dropped one did.
   */
  readonly defaultAction?: ReferentialAction | undefined;
  /** The dialect makes schemas (`op.createSchema`): a new table's missing schema is created. */
  readonly createsSchemas?: boolean | undefined;
  /** Names one letter case apart are one name (SQLite): align-name-case.ts. */
  readonly namesIgnoreCase?: boolean | undefined;
}

/**
 * Turns (live, declared) into the changes and the operations that make them.
 *
 * Things compare on the two snapshots (both in the server's spelling), never on the
 * declaration's text; upgrade operations are built from the declaration (types as the
 * user wrote them) and carry the live state as `existing`, so each one reverses.
 */
export function compareSchemas(input: CompareInput): SchemaDiff {
  const aligned = input.namesIgnoreCase ? alignNameCase(input.live, input.target) : undefined;
  const { live, target } = filterSnapshots(
    input.live,
    aligned?.target ?? input.target,
    includer(input.filter),
  );
  const ctx = matchTables(live, target, input.declared, input.defaultAction, aligned !== undefined);
  const warnings = [
    ...input.live.unsupported.map((o) => unsupported(o, live.defaultSchema)),
    ...(aligned?.warnings ?? []),
  ];
  const pending = [
    ...compareSchemaNames(live, target, input.createsSchemas === true, warnings),
    ...compareEnums(live, target, ctx),
    ...compareTables(ctx),
  ];
  const upgrade = inOrder(pending.flatMap((p) => p.ops));
  // One reverse per operation, shared by the diff and its changes, so a renderer can key
  // comments by operation on either list.
  const reverses = new Map<Operation, Operation>();
  for (const op of upgrade) {
    const back = reverseOperation(op);
    if (back === undefined) {
      warnings.push(`the downgrade cannot undo ${describeOp(op)}; write that step by hand`);
    } else reverses.set(op, back);
  }
  const undo = (ops: readonly Operation[]) =>
    [...ops].reverse().flatMap((op) => reverses.get(op) ?? []);
  const downgrade = undo(upgrade);
  const changes = pending.map((p) => finish(p, undo));
  return { changes, upgrade, downgrade, warnings: [...warnings, ...ctx.warnings] };
}

/** Operations by phase; the sort is stable, so build order holds within a phase. */
function inOrder(ops: readonly PhasedOperation[]): Operation[] {
  return [...ops].sort((a, b) => a.phase - b.phase).map((p) => p.op);
}

function finish(p: PendingChange, undo: (ops: readonly Operation[]) => Operation[]): SchemaChange {
  const upgrade = inOrder(p.ops);
  return {
    kind: p.kind,
    ...(p.table === undefined ? {} : { table: p.table }),
    ...(p.object === undefined ? {} : { object: p.object }),
    description: p.description,
    ...(p.destructive === undefined ? {} : { destructive: p.destructive }),
    ...(p.renameHint === undefined ? {} : { renameHint: p.renameHint }),
    upgrade,
    downgrade: undo(upgrade),
  };
}

function describeOp(op: Operation): string {
  const table = "table" in op && op.table !== undefined ? ` on ${op.table.name}` : "";
  return `${op.kind}${table}`;
}

function unsupported(o: UnsupportedObject, defaultSchema: string | undefined): string {
  const label = unsupportedLabel(o, o.schema ?? defaultSchema);
  return `${label} is not managed by mig; autogenerate leaves it alone`;
}
