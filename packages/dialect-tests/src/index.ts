export { describeDialect, runCli } from "./describe-dialect.js";
export type { ConformanceOptions, TestDatabase } from "./options.js";
export { TestProject, type ScriptSpec } from "./project.js";
export { GRAPH, SCENARIO, type ScenarioStep } from "./graph-scenario.js";
