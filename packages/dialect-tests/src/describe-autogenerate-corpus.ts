import {
  type DeclaredColumnSpec,
  type DeclaredTable,
  type DeclaredTableOptions,
  type DialectCapabilities,
  type SchemaChangeKind,
  t,
  table,
} from "@mig/core";

/** What decides whether a case applies: the dialect's capabilities and the kit's options. */
export interface AutogenerateTraits {
  readonly capabilities: DialectCapabilities;
  /** The dialect keeps an enum's values (a named type, an ENUM column type). */
  readonly enumValues: boolean;
}

/** One change a user declares; `p` prefixes every name so cases can share a database. */
export interface ChangeCase {
  readonly name: string;
  readonly applies?: (traits: AutogenerateTraits) => boolean;
  /** The schema before; default `baseTables`. */
  readonly base?: (p: string) => DeclaredTable[];
  readonly change: (p: string) => DeclaredTable[];
  /** The kinds of change the diff may hold (at least one change is expected). */
  readonly kinds: readonly SchemaChangeKind[];
  /**
   * A declared rename keeps the data: a row put in `child` before the change is read back
   * from this table and column after it (and from `child.label` after the downgrade).
   */
  readonly keeps?: { readonly table: string; readonly column: string };
}

type Columns = Record<string, DeclaredColumnSpec>;

const childColumns = (): Columns => ({
  id: { type: "integer", primaryKey: true },
  parent_id: { type: "integer" },
  label: { type: t.varchar(40) },
  qty: { type: "integer", nullable: false, default: 0 },
  note: { type: "text" },
});

export const parent = (p: string) =>
  table(`${p}parent`, {
    id: { type: "integer", primaryKey: true },
    name: { type: t.varchar(50), nullable: false },
  });

/** The child table, its columns and options edited; its qty index unless `options` says. */
export function child(
  p: string,
  edit: (columns: Columns) => Columns = (c) => c,
  options: DeclaredTableOptions = {},
  name = `${p}child`,
): DeclaredTable {
  return table(name, edit(childColumns()), {
    indexes: [{ name: `${p}child_qty_ix`, columns: ["qty"] }],
    ...options,
  });
}

/** `columns` with one column replaced in place (same position), or removed when undefined. */
function replace(columns: Columns, name: string, by?: [string, DeclaredColumnSpec]): Columns {
  return Object.fromEntries(
    Object.entries(columns).flatMap(([k, v]) => (k !== name ? [[k, v]] : by ? [by] : [])),
  );
}

export const baseTables = (p: string): DeclaredTable[] => [parent(p), child(p)];

export const withFk = (p: string, onDelete: "cascade" | "set null") =>
  child(p, undefined, {
    indexes: [{ name: `${p}child_qty_ix`, columns: ["qty"] }],
    foreignKeys: [
      {
        name: `${p}child_parent_fk`,
        columns: ["parent_id"],
        references: `${p}parent`,
        referencedColumns: ["id"],
        onDelete,
      },
    ],
  });

export const statusColumn = (p: string, values: readonly string[]): DeclaredColumnSpec => ({
  type: t.enum(`${p}status`, values),
  nullable: false,
  default: "new",
});

/** Tables and columns. */
export const TABLE_CHANGE_CASES: readonly ChangeCase[] = [
  {
    name: "add a table with a foreign key",
    change: (p) => [
      ...baseTables(p),
      table(`${p}extra`, {
        id: { type: "integer", primaryKey: true },
        parent_id: { type: "integer", references: { table: `${p}parent`, column: "id" } },
        title: { type: t.varchar(20), nullable: false },
      }),
    ],
    kinds: ["addTable"],
  },
  { name: "drop a table", change: (p) => [parent(p)], kinds: ["dropTable"] },
  {
    name: "drop two tables linked by a foreign key",
    base: (p) => [parent(p), withFk(p, "cascade")],
    change: () => [],
    kinds: ["dropTable"],
  },
  {
    name: "rename a table (renamedFrom)",
    change: (p) => [
      parent(p),
      table(`${p}kid`, childColumns(), {
        renamedFrom: `${p}child`,
        indexes: [{ name: `${p}child_qty_ix`, columns: ["qty"] }],
      }),
    ],
    kinds: ["renameTable"],
    keeps: { table: "kid", column: "label" },
  },
  {
    name: "add a nullable column",
    change: (p) => [parent(p), child(p, (c) => ({ ...c, added: { type: t.varchar(10) } }))],
    kinds: ["addColumn"],
  },
  {
    name: "add a NOT NULL column with a default",
    change: (p) => [
      parent(p),
      child(p, (c) => ({ ...c, flag: { type: "boolean", nullable: false, default: false } })),
    ],
    kinds: ["addColumn"],
  },
  {
    name: "drop a column",
    change: (p) => [parent(p), child(p, (c) => replace(c, "note"))],
    kinds: ["dropColumn"],
  },
  {
    name: "drop an indexed column with its index",
    change: (p) => [parent(p), child(p, (c) => replace(c, "qty"), { indexes: [] })],
    kinds: ["dropColumn", "dropIndex"],
  },
  {
    name: "rename a column (renamedFrom)",
    change: (p) => [
      parent(p),
      child(p, (c) => replace(c, "label", ["title", { ...c.label!, renamedFrom: "label" }])),
    ],
    kinds: ["renameColumn"],
    keeps: { table: "child", column: "title" },
  },
  {
    name: "alter column types (integer to bigint, varchar(40) to varchar(80))",
    change: (p) => [
      parent(p),
      child(p, (c) => ({
        ...c,
        qty: { ...c.qty!, type: "bigint" },
        label: { ...c.label!, type: t.varchar(80) },
      })),
    ],
    kinds: ["alterColumn"],
  },
  {
    name: "nullability (one column to NOT NULL, one to NULL)",
    change: (p) => [
      parent(p),
      child(p, (c) => ({
        ...c,
        label: { ...c.label!, nullable: false },
        qty: { ...c.qty!, nullable: true },
      })),
    ],
    kinds: ["alterColumn"],
  },
  {
    name: "defaults (one changed, one added)",
    change: (p) => [
      parent(p),
      child(p, (c) => ({
        ...c,
        qty: { ...c.qty!, default: 5 },
        label: { ...c.label!, default: "none" },
      })),
    ],
    kinds: ["alterColumn"],
  },
];
