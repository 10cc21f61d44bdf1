import {
  type ColumnDefinition,
  type Dialect,
  type DialectCapabilities,
  type ExistingColumn,
  type Operation,
  type Row,
  type SchemaSnapshot,
  t,
  tableDefinition,
} from "@mig/core";
import type { TableRows } from "./schema-read.js";

/** What a case's operations are built from. */
export interface CaseContext {
  readonly dialect: Dialect;
  /** A name with the run's prefix, so the cases of one offline chain keep apart. */
  readonly n: (name: string) => string;
}

/** What a case's check sees: the schema before and after its upgrade, and the database. */
export interface CaseCheck extends CaseContext {
  readonly before: SchemaSnapshot;
  readonly after: SchemaSnapshot;
  /** Every table's rows before and after the upgrade. */
  readonly rowsBefore: TableRows;
  readonly rowsAfter: TableRows;
  /** A query on the database, outside any migration. */
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** A quoted identifier; `table(x)` quotes the prefixed name `n(x)`. */
  readonly id: (name: string) => string;
  readonly table: (name: string) => string;
  /** The i-th parameter placeholder (1-based) in the dialect's style. */
  readonly param: (i: number) => string;
}

/**
 * One row of the table-driven operations suite. The setup migration builds the fixture
 * (plus `setup`); the case's migration invokes `up` and, on downgrade, `down` or else the
 * reverse of each `up` operation in reverse order.
 */
export interface OperationCase {
  readonly name: string;
  /** Runs only where this holds (partial and expression indexes). */
  readonly applies?: (capabilities: DialectCapabilities) => boolean;
  readonly setup?: (c: CaseContext) => readonly Operation[];
  readonly up: (c: CaseContext) => readonly Operation[];
  /** For operations without a reverse (execute, bulkInsert). */
  readonly down?: (c: CaseContext) => readonly Operation[];
  /** The case's migration sets `transactional = false`. */
  readonly transactional?: boolean;
  /** The upgrade changes rows on purpose: skip the check that it keeps them. */
  readonly changesRows?: boolean;
  /** What a user would notice after the upgrade. */
  check(c: CaseCheck): void | Promise<void>;
}

const int = "integer" as const;

/** The fixture columns cases alter, as `existing` for their reverse (and MySQL). */
export const COLUMNS = {
  parentName: { type: t.varchar(40), nullable: false, default: null, comment: null },
  parentCode: { type: t.varchar(20), nullable: true, default: null, comment: null },
  childQty: { type: int, nullable: false, default: 0, comment: null },
  childNote: { type: t.varchar(20), nullable: true, default: null, comment: null },
  bareLabel: { type: t.varchar(20), nullable: true, default: null, comment: null },
} satisfies Record<string, ExistingColumn>;

/** `legacy` as a definition: dropColumn's `existing` (it is null in every row). */
export const LEGACY: ColumnDefinition = { name: "legacy", type: int, nullable: true };

/** Three tables with rows: parent (named primary key), child (default, spare column), bare (no key). */
export function fixture({ n }: CaseContext): Operation[] {
  const parent = tableDefinition(
    n("parent"),
    {
      id: { type: int, nullable: false },
      name: { type: t.varchar(40), nullable: false },
      code: { type: t.varchar(20) },
    },
    { primaryKey: { name: n("parent_pkey"), columns: ["id"] } },
  );
  const child = tableDefinition(
    n("child"),
    {
      id: { type: int, primaryKey: true },
      parent_id: { type: int },
      qty: { type: int, nullable: false, default: 0 },
      note: { type: t.varchar(20) },
      legacy: { type: int },
    },
    { primaryKey: { name: n("child_pkey"), columns: ["id"] } },
  );
  const bare = tableDefinition(n("bare"), {
    id: { type: int, nullable: false },
    label: { type: t.varchar(20) },
  });
  return [
    { kind: "createTable", definition: parent },
    { kind: "createTable", definition: child },
    { kind: "createTable", definition: bare },
    {
      kind: "bulkInsert",
      table: parent.table,
      rows: [
        { id: 1, name: "one", code: "a" },
        { id: 2, name: "it's two", code: null },
        { id: 3, name: "naïve 表", code: "c" },
      ],
    },
    {
      kind: "bulkInsert",
      table: child.table,
      rows: [
        { id: 10, parent_id: 1, qty: 5, note: "x", legacy: null },
        { id: 11, parent_id: 2, qty: 7, note: null, legacy: null },
        { id: 12, parent_id: null, qty: 0, note: "z", legacy: null },
      ],
    },
    {
      kind: "bulkInsert",
      table: bare.table,
      rows: [
        { id: 1, label: "a" },
        { id: 2, label: "b" },
      ],
    },
  ];
}
