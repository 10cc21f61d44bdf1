export { applyToTable } from "./apply-to-table.js";
export { BatchOperations } from "./batch-operations.js";
export {
  type ColumnType,
  type NormalizedType,
  normalizeType,
  type SimpleType,
  type StructuredType,
  t,
} from "./column-type.js";
export type {
  AlterColumnChanges,
  ExistingColumn,
  Operation,
  OperationKind,
  Statement,
} from "./operation.js";
export { tableDefinition } from "./operation-specs.js";
export { Operations } from "./operations.js";
export { reverseOperation } from "./reverse.js";
export type {
  AlterColumnSpec,
  ColumnSpec,
  ColumnsSpec,
  CreateIndexOptions,
  CreateTableOptions,
  DropColumnOptions,
  ForeignKeySpec,
  IndexSpec,
  NamedColumnSpec,
  ReferenceSpec,
} from "./spec-types.js";
export { isSqlExpression, type SqlExpression, sql } from "./sql-expression.js";
export type {
  CheckDefinition,
  ColumnDefinition,
  ConstraintDefinition,
  ConstraintType,
  DefaultValue,
  ForeignKeyDefinition,
  GeneratedColumn,
  IndexDefinition,
  IndexKey,
  PrimaryKeyDefinition,
  ReferentialAction,
  TableDefinition,
  TableRef,
  UniqueDefinition,
} from "./table-definition.js";
export { indexKey, tableName } from "./table-definition.js";
