// compareSchemas and the renderers are `@mig/core/schema` (schema-api.ts): kept out of the
// main entry so importing `@mig/core` does not load them.
export type { CompareInput } from "./compare-schemas.js";
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
export type { RenderSchemaOptions } from "./render-schema-module.js";
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
