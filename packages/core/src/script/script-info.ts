import type { RevisionHeader } from "../revision/revision-header.js";

export type ScriptFormat = "ts" | "sql";

/** What a static read of one script yields. */
export interface ScriptInfo {
  readonly header: RevisionHeader;
  /** Set only when the script says so (`export const transactional = false`, `-- transactional: false`). */
  readonly transactional?: boolean;
}

/** A migration file found in a script location, with its statically read header. */
export interface Script {
  readonly header: RevisionHeader;
  /** Absolute path. */
  readonly path: string;
  readonly fileName: string;
  readonly format: ScriptFormat;
  /** False when the script opts out of running in a transaction. */
  readonly transactional: boolean;
  /** The file's size and modification time when its header was read (caches key on them). */
  readonly size: number;
  readonly changedMs: number;
}
