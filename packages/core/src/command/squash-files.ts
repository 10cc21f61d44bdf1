import {
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { randomHex } from "../script/revision-id.js";
import { ScriptExistsError } from "../script/script-errors.js";

/** Everything a squash changes on disk. */
export interface SquashFiles {
  readonly newPath: string;
  readonly newText: string;
  /** Scripts that follow the run, with their new text (their `downRevision` re-pointed). */
  readonly rewrites: ReadonlyArray<{ readonly path: string; readonly text: string }>;
  /** The run's old scripts, moved into `keepDir`. */
  readonly moves: readonly string[];
  readonly keepDir: string;
}

/**
 * Applies a squash as one step as far as a user can tell: every new text is written to a
 * temp file first; then moves and renames, each atomic; on any failure the ones done are
 * undone, so the scripts are either all as before or all as after.
 */
export function commitSquash(files: SquashFiles): void {
  const temps = new Map<string, string>();
  const undo: Array<() => void> = [];
  const tempFor = (path: string, text: string) => {
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomHex(4)}.tmp`);
    writeFileSync(temp, text, { flag: "wx" });
    temps.set(path, temp);
  };
  try {
    if (existsSync(files.newPath)) throw new ScriptExistsError(files.newPath);
    tempFor(files.newPath, files.newText);
    for (const { path, text } of files.rewrites) tempFor(path, text);
    if (!existsSync(files.keepDir)) {
      mkdirSync(files.keepDir);
      undo.push(() => rmdirSync(files.keepDir));
    }
    for (const path of files.moves) {
      const kept = join(files.keepDir, basename(path));
      if (existsSync(kept)) throw new ScriptExistsError(kept);
      renameSync(path, kept);
      undo.push(() => renameSync(kept, path));
    }
    for (const { path } of files.rewrites) {
      const before = readFileSync(path);
      renameSync(temps.get(path)!, path);
      undo.push(() => writeFileSync(path, before));
    }
    // link() refuses an existing target, so a file that appeared meanwhile is never replaced.
    linkSync(temps.get(files.newPath)!, files.newPath);
  } catch (error) {
    for (const step of undo.reverse()) {
      try {
        step();
      } catch {
        // keep undoing the rest
      }
    }
    throw error;
  } finally {
    for (const temp of temps.values()) rmSync(temp, { force: true });
  }
}
