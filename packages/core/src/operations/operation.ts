import type { QualifiedName } from "../connection/qualified-name.js";
import type { ColumnType } from "./column-type.js";
import type {
  CheckDefinition,
  ColumnDefinition,
  ConstraintDefinition,
  ConstraintType,
  DefaultValue,
  ForeignKeyDefinition,
  IndexDefinition,
  PrimaryKeyDefinition,
  TableDefinition,
  UniqueDefinition,
} from "./table-definition.js";

/** What a column looked like before an alterColumn: needed to reverse it, and by MySQL. */
export interface ExistingColumn {
  readonly type?: ColumnType | undefined;
  readonly nullable?: boolean | undefined;
  /** `null`: the column had no default. */
  readonly default?: DefaultValue | null | undefined;
  readonly comment?: string | null | undefined;
  readonly autoincrement?: boolean | undefined;
}

export interface AlterColumnChanges {
  readonly type?: ColumnType | undefined;
  /** PostgreSQL `USING` expression for a type change. */
  readonly using?: string | undefined;
  readonly nullable?: boolean | undefined;
  /** A new server default, or `null` to drop it. */
  readonly default?: DefaultValue | null | undefined;
  readonly newName?: string | undefined;
  /** A new comment, or `null` to drop it. */
  readonly comment?: string | null | undefined;
}

/**
 * One schema change as data. The dialect's DDL compiler turns it into statements;
 * `reverseOperation` gives the change that undoes it, when there is enough data to know.
 */
export type Operation =
  | { readonly kind: "createTable"; readonly definition: TableDefinition }
  | {
      readonly kind: "dropTable";
      readonly table: QualifiedName;
      /** The table as it was, so the drop can be reversed (and enum types dropped). */
      readonly existing?: TableDefinition | undefined;
    }
  | { readonly kind: "renameTable"; readonly table: QualifiedName; readonly newName: string }
  | { readonly kind: "addColumn"; readonly table: QualifiedName; readonly column: ColumnDefinition }
  | {
      readonly kind: "dropColumn";
      readonly table: QualifiedName;
      readonly column: string;
      readonly existing?: ColumnDefinition | undefined;
    }
  | {
      readonly kind: "alterColumn";
      readonly table: QualifiedName;
      readonly column: string;
      readonly changes: AlterColumnChanges;
      readonly existing?: ExistingColumn | undefined;
    }
  | {
      readonly kind: "createIndex";
      readonly table: QualifiedName;
      readonly index: IndexDefinition;
      readonly concurrently?: boolean | undefined;
    }
  | {
      readonly kind: "dropIndex";
      readonly name: string;
      /** Required on MySQL (`DROP INDEX name ON table`) and for batch on SQLite. */
      readonly table?: QualifiedName | undefined;
      readonly concurrently?: boolean | undefined;
      readonly existing?: IndexDefinition | undefined;
    }
  | {
      readonly kind: "createPrimaryKey";
      readonly table: QualifiedName;
      readonly constraint: PrimaryKeyDefinition;
    }
  | {
      readonly kind: "createForeignKey";
      readonly table: QualifiedName;
      readonly constraint: ForeignKeyDefinition;
    }
  | {
      readonly kind: "createUniqueConstraint";
      readonly table: QualifiedName;
      readonly constraint: UniqueDefinition;
    }
  | {
      readonly kind: "createCheckConstraint";
      readonly table: QualifiedName;
      readonly constraint: CheckDefinition;
    }
  | {
      readonly kind: "dropConstraint";
      readonly table: QualifiedName;
      readonly name: string;
      /** MySQL needs it to pick the statement; mig looks it up online when it is missing. */
      readonly type?: ConstraintType | undefined;
      readonly existing?: ConstraintDefinition | undefined;
    }
  | {
      readonly kind: "setTableComment";
      readonly table: QualifiedName;
      readonly comment: string | null;
      readonly existing?: string | null | undefined;
    }
  | {
      /** A named enum type's values change (PostgreSQL); `existing` lets it be reversed. */
      readonly kind: "alterEnum";
      readonly name: string;
      readonly schema?: string | undefined;
      readonly values: readonly string[];
      readonly existing?: readonly string[] | undefined;
    }
  | { readonly kind: "createSchema"; readonly name: string }
  | { readonly kind: "dropSchema"; readonly name: string }
  | {
      readonly kind: "execute";
      readonly sql: string;
      readonly params?: readonly unknown[] | undefined;
    }
  | {
      readonly kind: "bulkInsert";
      readonly table: QualifiedName;
      readonly rows: readonly Readonly<Record<string, unknown>>[];
    }
  | {
      readonly kind: "batch";
      readonly table: QualifiedName;
      readonly operations: readonly Operation[];
      /** The table's definition, for SQLite offline (no database to read it from). */
      readonly copyFrom?: TableDefinition | undefined;
      /** `auto`: copy only when an operation needs it; `always`; `never`. */
      readonly recreate: "auto" | "always" | "never";
    };

export type OperationKind = Operation["kind"];

/** A statement a compiler produced; parameters are bound online and inlined offline. */
export interface Statement {
  readonly sql: string;
  readonly params?: readonly unknown[] | undefined;
}

// Every kind once; `satisfies` makes adding a kind without listing it a type error.
const KINDS = {
  createTable: true,
  dropTable: true,
  renameTable: true,
  addColumn: true,
  dropColumn: true,
  alterColumn: true,
  createIndex: true,
  dropIndex: true,
  createPrimaryKey: true,
  createForeignKey: true,
  createUniqueConstraint: true,
  createCheckConstraint: true,
  dropConstraint: true,
  setTableComment: true,
  alterEnum: true,
  createSchema: true,
  dropSchema: true,
  execute: true,
  bulkInsert: true,
  batch: true,
} as const satisfies Record<Operation["kind"], true>;

/** The operation kinds, for checking data a hook hands back (`processRevisionDirectives`). */
export const OPERATION_KINDS: ReadonlySet<unknown> = new Set(Object.keys(KINDS));
