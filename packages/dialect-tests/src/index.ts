export { clockAhead, realNow } from "./clock-ahead.js";
export { describeDialect } from "./describe-dialect.js";
export { FLEET_REVISIONS, FLEET_TABLES, FleetProject } from "./fleet-project.js";
export { GRAPH, SCENARIO, type ScenarioStep } from "./graph-scenario.js";
export type { AutogenerateOptions, ConformanceOptions, TestDatabase } from "./options.js";
export { type ScriptSpec, TestProject } from "./project.js";
export { type CliRun, runCli } from "./run-cli.js";
export type { ScriptHook } from "./script-hooks.js";
export { testProjects } from "./test-projects.js";
