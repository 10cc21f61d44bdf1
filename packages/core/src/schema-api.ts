/**
 * `@mig/core/schema`: the schema comparator and the code renderers, for tools that compare
 * or print schemas themselves (the autogenerate commands in `@mig/core` use them too). A
 * separate entry point so that `import "@mig/core"` (an app migrating at start-up) does
 * not load them.
 */
export { type CompareInput, compareSchemas } from "./schema/compare-schemas.js";
export { renderedImports, renderOperations } from "./schema/render-operations.js";
export { type RenderSchemaOptions, renderSchemaModule } from "./schema/render-schema-module.js";
