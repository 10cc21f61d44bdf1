import type { QualifiedName } from "../src/connection/qualified-name.js";
import { applyToTable } from "../src/operations/apply-to-table.js";
import type { ColumnType } from "../src/operations/column-type.js";
import type { Operation } from "../src/operations/operation.js";
import type { TableDefinition } from "../src/operations/table-definition.js";
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
    for (const op of ops) this.#apply(op);
    return this;
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
      case "execute":
      case "bulkInsert":
        throw new Error(`unexpected ${op.kind}`);
      default: {
        const table = (op as { table: QualifiedName }).table;
        const def = this.tables.get(table.name);
        if (!def) throw new Error(`${op.kind}: no table ${table.name}`);
        this.tables.delete(table.name);
        const next = applyToTable(def, op);
        this.tables.set(next.table.name, next);
        // The server follows a renamed table in the foreign keys that point at it.
        if (op.kind === "renameTable") this.#retarget(table.name, op.newName);
      }
    }
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

/** A type as comparable text; an enum by name only (its values live in the model). */
function typeName(type: ColumnType): string {
  return typeof type === "object" && type.kind === "enum"
    ? `enum ${type.name}`
    : JSON.stringify(type);
}

export function enumsOf(...list: [string, string[]][]): EnumSnapshot[] {
  return list.map(([name, values]) => ({ name, values }));
}
