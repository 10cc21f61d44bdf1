import type { OptionKeys } from "../config/option-keys.js";
import type { ChecksumMismatch } from "./checksum-mismatch.js";
import type { HalfApplied } from "./resume-step.js";

/** What happened in one step of a run. */
export interface StepResult {
  readonly revision: string;
  readonly direction: "up" | "down";
  readonly kind: "revision" | "stamp";
  readonly message: string;
  readonly durationMs: number;
  /** The version table's rows after this step. */
  readonly rows: readonly string[];
}

export interface StepInfo {
  readonly revision: string;
  readonly direction: "up" | "down";
  readonly kind: "revision" | "stamp";
  readonly message: string;
  /** For a stamp: the rows it replaces (`revision` is what it writes, or `base`). */
  readonly from?: readonly string[];
  readonly index: number;
  readonly total: number;
}

/** The database a command uses, told before connecting. */
export interface DatabaseInfo {
  /** The URL with its password masked. */
  readonly url: string;
  /** The dialect's name: `sqlite`, `postgres`, `mysql`, ... */
  readonly dialect: string;
  /** The `.env` file `DATABASE_URL` was read from, when it was. */
  readonly dotenvFile: string | undefined;
  /** The dialect's word on where the URL points (`Dialect.urlNote`): "in memory: ...". */
  readonly note?: string | undefined;
}

/** Another run holds the migration lock; this one waits for it. */
export interface LockWait {
  /** Who holds it, where the database can tell ("held by PostgreSQL session 4711"), else "". */
  readonly holder: string;
  /** How long this run waits before it gives up. */
  readonly timeoutMs: number;
}

/** Progress callbacks; the CLI prints them, an application may log them. */
export interface RunEvents {
  onDatabase?(info: DatabaseInfo): void;
  /** Called once, at once, when the run has to wait for another run's lock. */
  onLockWait?(wait: LockWait): void;
  /** The version table's rows the run starts from, read under the lock before any step. */
  onRunStart?(rows: readonly string[]): void;
  onStepStart?(step: StepInfo): void;
  onStepEnd?(result: StepResult, step: StepInfo): void;
  /** `up` found applied scripts edited or removed since they ran, and runs anyway (warn mode). */
  onChecksumMismatch?(mismatches: readonly ChecksumMismatch[]): void;
  /** `up --resume` is about to run the rest of a half-applied migration. */
  onResume?(point: HalfApplied): void;
}

/** Every RunEvents callback: one passed beside `events` rather than in it is named so. */
export const RUN_EVENT_KEYS: OptionKeys<RunEvents> = {
  onDatabase: true,
  onLockWait: true,
  onRunStart: true,
  onStepStart: true,
  onStepEnd: true,
  onChecksumMismatch: true,
  onResume: true,
};
