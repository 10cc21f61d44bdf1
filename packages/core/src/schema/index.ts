export { snapshotToDefinition } from "./snapshot-to-definition.js";
