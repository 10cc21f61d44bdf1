import type { FleetTarget, TargetsContext } from "../config/fleet-target.js";
import type { OptionKeys } from "../config/option-keys.js";
import type { ChecksumMismatch } from "../runtime/checksum-mismatch.js";
import type { LockWait, StepInfo, StepResult } from "../runtime/run-events.js";

// The config declares targets (config/ sits below fleet/): re-exported here with the rest.
export type { FleetTarget, TargetsContext };

/** How a fleet run goes: bounded, isolated failures unless `failFast`. */
export interface FleetOptions {
  /** Targets run at once. Default 4. Targets sharing a connection pool also wait for it. */
  readonly concurrency?: number | undefined;
  /** Stop starting new targets after the first failure (running ones finish). */
  readonly failFast?: boolean | undefined;
  /** Only these targets, by name (`--target a`, `--targets a,b`); unknown names are a usage error. */
  readonly select?: readonly string[] | undefined;
  readonly events?: FleetEvents | undefined;
  /** Aborting it stops starting targets and interrupts the running ones between statements. */
  readonly signal?: AbortSignal | undefined;
}

/** FleetOptions' keys, which every fleet call takes beside its own. */
export const FLEET_KEYS: OptionKeys<FleetOptions> = {
  concurrency: true,
  failFast: true,
  select: true,
  events: true,
  signal: true,
};

/** A target as events and results name it: never with the URL's password. */
export interface TargetInfo {
  readonly name: string;
  /** The URL with its password masked. */
  readonly url: string;
  readonly schema?: string | undefined;
}

/** Progress of a fleet run, per target; the CLI draws one line per running target from these. */
export interface FleetEvents {
  onTargetStart?(target: TargetInfo): void;
  onTargetStepStart?(target: TargetInfo, step: StepInfo): void;
  onTargetStepEnd?(target: TargetInfo, result: StepResult, step: StepInfo): void;
  /** The target's applied scripts were edited or removed since they ran (warn mode: it runs). */
  onTargetChecksumMismatch?(target: TargetInfo, mismatches: readonly ChecksumMismatch[]): void;
  /** Another run holds the target's lock; this one waits (told once, at once). */
  onTargetLockWait?(target: TargetInfo, wait: LockWait): void;
  /** Once per target that started; `skipped` targets appear only in the result. */
  onTargetEnd?(result: TargetResult): void;
}

/**
 * `applied`: steps ran; `current`: already at the goal, nothing ran; `failed`: see `error`,
 * the target is left at its last good revision (`to`); `skipped`: not started (`failFast`
 * after a failure, or aborted).
 */
export type TargetStatus = "applied" | "current" | "failed" | "skipped";

/** One target's outcome: plain data, safe to print or serialise. */
export interface TargetResult extends TargetInfo {
  readonly status: TargetStatus;
  /**
   * The run read the target's version table. False when it failed before that (could not
   * connect, no lock) or was skipped: `from` and `to` are then empty and say nothing.
   */
  readonly reached: boolean;
  /** The version table's rows before the run (empty: base; unknown when it never connected). */
  readonly from: readonly string[];
  /** The rows after it: the goal, or the last good revision after a failure. */
  readonly to: readonly string[];
  readonly steps: number;
  readonly durationMs: number;
  /** For `failed`: the error's stable code, its message and hint, password masked. */
  readonly error?: { readonly code: string; readonly message: string; readonly hint?: string };
  /**
   * What the dialect says of the target's URL, where it says something (`Dialect.urlNote`):
   * a SQLite file that is not there, read as an empty database by `currentAll`/`statusAll`.
   */
  readonly note?: string | undefined;
}

/**
 * A whole fleet run: every selected target's result, in the fleet's order. `R` is the
 * per-target result: `TargetResult` for `upgradeAll`/`downgradeAll`, a type extending it
 * for `currentAll`, `statusAll` and `checkAll`.
 */
export interface FleetResult<R extends TargetResult = TargetResult> {
  readonly targets: readonly R[];
  /** True when no target failed. */
  readonly ok: boolean;
}
