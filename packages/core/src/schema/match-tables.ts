import type { QualifiedName } from "../connection/qualified-name.js";
import type { ReferentialAction, TableDefinition } from "../operations/table-definition.js";
import type { DeclaredSchema } from "./declare-schema.js";
import { liveDefinition } from "./live-definition.js";
import { tableKey } from "./schema-changes.js";
import type {
  EnumSnapshot,
  ForeignKeySnapshot,
  SchemaSnapshot,
  TableSnapshot,
} from "./schema-snapshot.js";
import { snapshotToDefinition } from "./snapshot-to-definition.js";

/** A table in both the database and the declared schema. */
export interface TablePair {
  readonly key: string;
  readonly live: TableSnapshot;
  readonly target: TableSnapshot;
  readonly declared: TableDefinition;
  readonly liveDef: TableDefinition;
  /** The name operations use before a declared rename runs, and after. */
  readonly oldName: QualifiedName;
  readonly name: QualifiedName;
  /** Declared column renames that apply: previous name to new name. */
  readonly columnRenames: ReadonlyMap<string, string>;
}

export interface NewTable {
  readonly key: string;
  readonly target: TableSnapshot;
  readonly declared: TableDefinition;
}

export interface DroppedTable {
  readonly key: string;
  readonly live: TableSnapshot;
  readonly liveDef: TableDefinition;
}

/** What every comparison step reads: which tables pair up, and under which names. */
export interface CompareContext {
  readonly defaultSchema: string | undefined;
  readonly liveEnums: readonly EnumSnapshot[];
  readonly targetEnums: readonly EnumSnapshot[];
  /** By the table's key in the declared schema. */
  readonly pairs: ReadonlyMap<string, TablePair>;
  readonly created: ReadonlyMap<string, NewTable>;
  /** By the table's key in the database. */
  readonly dropped: ReadonlyMap<string, DroppedTable>;
  /** A live table's key to its key in the declared schema (they differ when renamed). */
  readonly renamedKeys: ReadonlyMap<string, string>;
  /** Columns whose type changes, and columns dropped and added again, by table key. */
  readonly retyped: Map<string, Set<string>>;
  readonly replaced: Map<string, Set<string>>;
  /** Columns dropped, by table key. */
  readonly gone: Map<string, Set<string>>;
  /** Lines for the diff's warnings, added by any step. */
  readonly warnings: string[];
}

export function matchTables(
  live: SchemaSnapshot,
  target: SchemaSnapshot,
  declared: DeclaredSchema,
  defaultAction?: ReferentialAction | undefined,
  namesIgnoreCase = false,
): CompareContext {
  const dflt = live.defaultSchema ?? target.defaultSchema;
  const keyOf = (t: { schema?: string | undefined; name: string }) =>
    tableKey(t.schema, t.name, dflt);
  const liveByKey = new Map(live.tables.map((t) => [keyOf(t), t]));
  // Where names ignore case the target took the database's spelling (align-name-case.ts):
  // its declaration is found by the name folded.
  const declaredKeyOf = (t: { schema?: string | undefined; name: string }) =>
    namesIgnoreCase ? keyOf({ schema: t.schema, name: t.name.toLowerCase() }) : keyOf(t);
  const declaredByKey = new Map(declared.tables.map((d) => [declaredKeyOf(d.definition.table), d]));
  const pairs = new Map<string, TablePair>();
  const created = new Map<string, NewTable>();
  const renamedKeys = new Map<string, string>();
  const claimed = new Set<string>();
  for (const goal of target.tables) {
    const key = keyOf(goal);
    const decl = declaredByKey.get(declaredKeyOf(goal));
    const definition = decl?.definition ?? snapshotToDefinition(goal);
    let liveKey = key;
    if (!liveByKey.has(key) && decl?.renamedFrom !== undefined) {
      liveKey = keyOf({ schema: goal.schema, name: decl.renamedFrom });
    }
    const found = claimed.has(liveKey) ? undefined : liveByKey.get(liveKey);
    if (found === undefined) {
      created.set(key, { key, target: goal, declared: definition });
      continue;
    }
    claimed.add(liveKey);
    renamedKeys.set(liveKey, key);
    const renames = new Map<string, string>();
    const liveCols = new Set(found.columns.map((c) => c.name));
    const goalCols = new Set(goal.columns.map((c) => c.name));
    for (const [to, from] of decl?.columnRenames ?? []) {
      if (goalCols.has(to) && !liveCols.has(to) && liveCols.has(from)) renames.set(from, to);
    }
    // The target's spelling, which is the database's where only case differs: no rename.
    const name = namesIgnoreCase ? { ...definition.table, name: goal.name } : definition.table;
    pairs.set(key, {
      key,
      live: found,
      target: goal,
      declared: definition,
      liveDef: liveDefinition(found, live.enums, defaultAction),
      oldName: { ...name, name: found.name },
      name,
      columnRenames: renames,
    });
  }
  const dropped = new Map<string, DroppedTable>();
  for (const [key, t] of liveByKey) {
    if (!claimed.has(key))
      dropped.set(key, { key, live: t, liveDef: liveDefinition(t, live.enums, defaultAction) });
  }
  return {
    defaultSchema: dflt,
    liveEnums: live.enums,
    targetEnums: target.enums,
    pairs,
    created,
    dropped,
    renamedKeys,
    retyped: new Map(),
    replaced: new Map(),
    gone: new Map(),
    warnings: [],
  };
}

/** The key of the table a foreign key references. */
export function referencedKey(
  fk: ForeignKeySnapshot,
  from: TableSnapshot,
  ctx: Pick<CompareContext, "defaultSchema">,
): string {
  return tableKey(fk.referencedSchema ?? from.schema, fk.referencedTable, ctx.defaultSchema);
}

/** Adds a column to a per-table set of the context. */
export function mark(sets: Map<string, Set<string>>, key: string, column: string): void {
  const set = sets.get(key) ?? new Set<string>();
  set.add(column);
  sets.set(key, set);
}
