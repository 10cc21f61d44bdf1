import type { RevisionMap } from "../revision/revision-map.js";
import type { ChecksumCache } from "../script/checksum-cache.js";
import type { AppliedLog } from "./applied-log.js";
import type { RunExecutor } from "./executor.js";
import type { HalfApplied } from "./resume-step.js";
import type { RunEvents } from "./run-events.js";
import type { ScriptRef } from "./script-module.js";
import type { VersionTable } from "./version-table.js";

/** What a run of planned steps works with: online (run-steps.ts) or written out (write-steps.ts). */
export interface RunContext {
  readonly executor: RunExecutor;
  readonly map: RevisionMap;
  readonly scripts: ReadonlyMap<string, ScriptRef>;
  readonly versionTable: VersionTable;
  /** The applied log: one row per step (docs/applied-log.md). */
  readonly log?: AppliedLog | undefined;
  /**
   * Script checksums remembered by size and change time, opened on first use; without it each
   * script is read and hashed.
   */
  readonly checksums?: (() => ChecksumCache) | undefined;
  /** One transaction per migration (default), or one for the whole run where DDL is transactional. */
  readonly transactionPerMigration: boolean;
  readonly events?: RunEvents | undefined;
  /** Aborting it stops the run: the running migration is rolled back (Ctrl-C). */
  readonly signal?: AbortSignal | undefined;
  /** Migrations a failed `up` left half applied (resume-step.ts): refused, or resumed. */
  readonly halfApplied?: ReadonlyMap<string, HalfApplied> | undefined;
  /** `up --resume`: skip the statements a half-applied migration already ran. */
  readonly resume?: boolean | undefined;
}
