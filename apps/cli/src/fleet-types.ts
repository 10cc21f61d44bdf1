// The fleet contract's types (packages/core/src/fleet/fleet-types.ts), as the CLI uses them.
export type {
  FleetEvents,
  FleetResult,
  TargetInfo,
  TargetResult,
  TargetStatus,
} from "../../../packages/core/src/fleet/fleet-types.js";
