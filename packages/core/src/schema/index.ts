export { type CompareInput, compareSchemas } from "./compare-schemas.js";
export {
  type DeclaredColumnSpec,
  type DeclaredColumns,
  type DeclaredSchema,
  type DeclaredTable,
  type DeclaredTableOptions,
  defineSchema,
  isDeclaredTable,
  schemaFromModule,
  table,
} from "./declare-schema.js";
export { renderedImports, renderOperations } from "./render-operations.js";
export { type RenderSchemaOptions, renderSchemaModule } from "./render-schema-module.js";
export type { SchemaChange, SchemaChangeKind, SchemaDiff } from "./schema-diff.js";
export {
  DEFAULT_INCLUDE_OBJECT,
  type SchemaFilter,
  type SchemaObjectInfo,
  type SchemaObjectType,
} from "./schema-filter.js";
export type {
  CheckSnapshot,
  ColumnSnapshot,
  EnumSnapshot,
  ForeignKeySnapshot,
  IndexKeySnapshot,
  IndexSnapshot,
  IntrospectOptions,
  SchemaSnapshot,
  TableSnapshot,
  UniqueSnapshot,
  UnsupportedObject,
} from "./schema-snapshot.js";
export { snapshotToDefinition } from "./snapshot-to-definition.js";
