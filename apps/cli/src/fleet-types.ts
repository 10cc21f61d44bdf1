// The fleet contract's types, as the CLI uses them (packages/core/src/fleet/fleet-types.ts).
export type {
  FleetEvents,
  FleetResult,
  TargetInfo,
  TargetResult,
  TargetStatus,
} from "@mig/core";
