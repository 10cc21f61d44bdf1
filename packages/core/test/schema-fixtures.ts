import type { QualifiedName } from "../src/connection/qualified-name.js";
import { applyToTable } from "../src/operations/apply-to-table.js";
import type { ColumnType } from "../src/operations/column-type.js";
import type { Operation } from "../src/operations/operation.js";
import type { ConstraintDefinition, TableDefinition } from "../src/operations/table-definition.js";
import type { DeclaredSchema, DeclaredTable } from "../src/schema/declare-schema.js";
import { liveDefinition } from "../src/schema/live-definition.js";
import type {
  ColumnSnapshot,
  EnumSnapshot,
  SchemaSnapshot,
  TableSnapshot,
} from "../src/schema/schema-snapshot.js";

/** Small builders for hand-written snapshots. */
export function col(
  name: string,
  type: string,
  extra: Partial<ColumnSnapshot> = {},
): ColumnSnapshot {
  return {
    name,
    type,
    nullable: true,
    default: null,
    autoincrement: false,
    identity: null,
    generated: null,
    collation: null,
    comment: null,
    ...extra,
  };
}

export function tbl(
  name: string,
  columns: readonly ColumnSnapshot[],
  extra: Partial<TableSnapshot> = {},
): TableSnapshot {
  return {
    name,
    comment: null,
    extension: null,
    collation: null,
    columns,
    primaryKey: null,
    foreignKeys: [],
    uniques: [],
    checks: [],
    indexes: [],
    ...extra,
  };
}

export function snap(
  tables: readonly TableSnapshot[],
  extra: Partial<SchemaSnapshot> = {},
): SchemaSnapshot {
  return {
    tables: [...tables].sort((a, b) => a.name.localeCompare(b.name)),
    enums: [],
    unsupported: [],
    ...extra,
  };
}

export function idx(name: string, columns: readonly string[], unique = false) {
  return {
    name,
    columns,
    keys: columns.map((c) => ({
      column: c,
      expression: null,
      descending: false,
      length: null,
      opclass: null,
      collation: null,
    })),
    unique,
    where: null,
    method: null,
    include: [],
  };
}

/** A declared schema that says exactly what a snapshot holds (types as the server spells them). */
export function declaredFrom(
  s: SchemaSnapshot,
  renames: Readonly<Record<string, { table?: string; columns?: Record<string, string> }>> = {},
): DeclaredSchema {
  return {
    tables: s.tables.map(
      (t) =>
        ({
          definition: liveDefinition(t, s.enums),
          renamedFrom: renames[t.name]?.table,
          columnRenames: new Map(Object.entries(renames[t.name]?.columns ?? {})),
        }) as unknown as DeclaredTable,
    ),
  };
}

/** As `declaredFrom`, with no constraint named: the server names them. */
export function declaredUnnamed(s: SchemaSnapshot): DeclaredSchema {
  const strip = <T extends { name?: string | undefined }>(x: T): T => ({ ...x, name: undefined });
  return {
    tables: declaredFrom(s).tables.map((d) => ({
      ...d,
      definition: {
        ...d.definition,
        primaryKey: d.definition.primaryKey && strip(d.definition.primaryKey),
        uniques: d.definition.uniques.map(strip),
        checks: d.definition.checks.map(strip),
        foreignKeys: d.definition.foreignKeys.map(strip),
      },
    })),
  };
}

/**
 * The tables and enums a list of operations leaves behind: applyToTable for what it
 * follows, the rest here. Enum types follow the columns that use them, as on PostgreSQL.
 */
export class Model {
  readonly tables = new Map<string, TableDefinition>();
  readonly enums = new Map<string, readonly string[]>();

  static of(s: SchemaSnapshot): Model {
    const m = new Model();
    for (const t of s.tables) m.tables.set(t.name, liveDefinition(t, s.enums));
    for (const e of s.enums) m.enums.set(e.name, e.values);
    return m;
  }

  apply(ops: readonly Operation[]): this {
    for (const op of ops) {
      this.#refuseRetype(op);
      this.#apply(op);
      this.#checkKeys(op);
    }
    return this;
  }

  /**
   * As servers do: a foreign key needs its table, columns and a key over the columns it
   * references (so tables are created and dropped in key order, keys dropped first).
   */
  #checkKeys(op: Operation): void {
    for (const def of this.tables.values()) {
      const has = (t: TableDefinition, c: string) => t.columns.some((x) => x.name === c);
      for (const fk of def.foreignKeys) {
        const to = this.tables.get(fk.references.name);
        const where = `after ${op.kind}: ${def.table.name}'s key to ${fk.references.name}`;
        if (!to) throw new Error(`${where}: no such table`);
        if (
          !fk.columns.every((c) => has(def, c)) ||
          !fk.referencedColumns.every((c) => has(to, c))
        ) {
          throw new Error(`${where}: a column is missing`);
        }
        const key = [...fk.referencedColumns].sort().join();
        const keys = [
          ...(to.primaryKey ? [to.primaryKey.columns] : []),
          ...to.uniques.map((u) => u.columns),
          ...to.indexes
            .filter((i) => i.unique && i.where === undefined)
            .map((i) => i.columns as string[]),
        ];
        if (!keys.some((k) => [...k].sort().join() === key))
          throw new Error(`${where}: no key over the columns`);
      }
    }
  }

  /** As MySQL does: a column under a foreign key cannot change type. */
  #refuseRetype(op: Operation): void {
    if (op.kind !== "alterColumn" || op.changes.type === undefined) return;
    for (const def of this.tables.values()) {
      for (const fk of def.foreignKeys) {
        const own = def.table.name === op.table.name && fk.columns.includes(op.column);
        const ref =
          fk.references.name === op.table.name && fk.referencedColumns.includes(op.column);
        if (own || ref)
          throw new Error(
            `alterColumn ${op.table.name}.${op.column}: under ${def.table.name}'s key`,
          );
      }
    }
  }

  #apply(op: Operation): void {
    const types =
      op.kind === "createTable"
        ? op.definition.columns.map((c) => c.type)
        : op.kind === "addColumn"
          ? [op.column.type]
          : op.kind === "alterColumn" && op.changes.type !== undefined
            ? [op.changes.type]
            : [];
    for (const type of types) {
      // As PostgreSQL's compiler: an enum type is created if it does not exist yet.
      if (typeof type === "object" && type.kind === "enum" && !this.enums.has(type.name)) {
        this.enums.set(type.name, type.values);
      }
    }
    switch (op.kind) {
      case "createTable":
        if (this.tables.has(op.definition.table.name))
          throw new Error(`table ${op.definition.table.name} exists`);
        this.tables.set(op.definition.table.name, op.definition);
        return;
      case "dropTable":
        if (!this.tables.delete(op.table.name)) throw new Error(`no table ${op.table.name}`);
        return;
      case "alterEnum":
        if (!this.enums.has(op.name)) throw new Error(`no enum ${op.name}`);
        this.enums.set(op.name, op.values);
        return;
      case "createSchema":
      case "dropSchema":
        return;
      case "execute":
      case "bulkInsert":
        throw new Error(`unexpected ${op.kind}`);
      default: {
        const table = (op as { table: QualifiedName }).table;
        const def = this.tables.get(table.name);
        if (!def) throw new Error(`${op.kind}: no table ${table.name}`);
        this.tables.delete(table.name);
        const next = op.kind === "dropConstraint" ? dropByExisting(def, op) : applyToTable(def, op);
        this.tables.set(next.table.name, next);
        // The server follows a renamed table in the foreign keys that point at it, and a
        // renamed column in the expressions that use it.
        if (op.kind === "renameTable") this.#retarget(table.name, op.newName);
        if (op.kind === "alterColumn" && op.changes.newName !== undefined) {
          this.#rewrite(next.table.name, op.column, op.changes.newName);
        }
      }
    }
  }

  #rewrite(table: string, from: string, to: string): void {
    const def = this.tables.get(table) as TableDefinition;
    const text = (x: string) => x.replaceAll(`(${from} `, `(${to} `);
    this.tables.set(table, {
      ...def,
      checks: def.checks.map((c) => ({ ...c, expression: text(c.expression) })),
      indexes: def.indexes.map((i) => (i.where === undefined ? i : { ...i, where: text(i.where) })),
    });
  }

  #retarget(from: string, to: string): void {
    for (const [name, def] of this.tables) {
      const foreignKeys = def.foreignKeys.map((fk) =>
        fk.references.name === from ? { ...fk, references: { ...fk.references, name: to } } : fk,
      );
      this.tables.set(name, { ...def, foreignKeys });
    }
  }

  /** Comparable plain data: lists sorted, enum types named, `undefined` gone. */
  normal(): unknown {
    const sortBy = <T>(list: readonly T[]) => [...list].map((x) => JSON.stringify(x)).sort();
    const tables = [...this.tables.values()]
      .map((t) => ({
        name: t.table.name,
        comment: t.comment,
        primaryKey: t.primaryKey ? JSON.stringify(t.primaryKey) : undefined,
        columns: sortBy(t.columns.map((c) => ({ ...c, type: typeName(c.type) }))),
        foreignKeys: sortBy(t.foreignKeys),
        uniques: sortBy(t.uniques),
        checks: sortBy(t.checks),
        indexes: sortBy(t.indexes),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const used = new Set(
      [...this.tables.values()].flatMap((t) =>
        t.columns.flatMap((c) =>
          typeof c.type === "object" && c.type.kind === "enum" ? [c.type.name] : [],
        ),
      ),
    );
    const enums = [...used].sort().map((name) => [name, this.enums.get(name)]);
    return JSON.parse(JSON.stringify({ tables, enums }));
  }
}

/**
 * As the dialects do: a dropConstraint whose name matches nothing (an unnamed SQLite
 * constraint, given a made-up name) drops the one its `existing` describes.
 */
function dropByExisting(
  def: TableDefinition,
  op: Extract<Operation, { kind: "dropConstraint" }>,
): TableDefinition {
  const named = [def.primaryKey, ...def.uniques, ...def.checks, ...def.foreignKeys];
  if (named.some((c) => c?.name === op.name) || op.existing === undefined) {
    return applyToTable(def, op);
  }
  const { type: _, name: __, ...want } = op.existing as ConstraintDefinition & { name?: string };
  const key = (c: object) => JSON.stringify({ ...c, name: undefined });
  if (op.type === "primary" && def.primaryKey && key(def.primaryKey) === key(want)) {
    return { ...def, primaryKey: undefined };
  }
  const list = (l: readonly object[]) => {
    const at = l.findIndex((c) => key(c) === key(want));
    return at < 0 ? l : l.filter((_, i) => i !== at);
  };
  const next = {
    ...def,
    uniques: list(def.uniques),
    checks: list(def.checks),
    foreignKeys: list(def.foreignKeys),
  } as TableDefinition;
  const count = (d: TableDefinition) => d.foreignKeys.length + d.uniques.length + d.checks.length;
  if (count(next) === count(def)) throw new Error(`${def.table.name}: no constraint ${key(want)}`);
  return next;
}

/** A type as comparable text; an enum by name only (its values live in the model). */
function typeName(type: ColumnType): string {
  return typeof type === "object" && type.kind === "enum"
    ? `enum ${type.name}`
    : JSON.stringify(type);
}

export function enumsOf(...list: [string, string[]][]): EnumSnapshot[] {
  return list.map(([name, values]) => ({ name, values }));
}
