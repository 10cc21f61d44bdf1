/**
 * When a file last changed, as the caches that skip unchanged scripts compare it (with its
 * size): the later of its mtime and its ctime. An mtime alone can be set back (`cp -p`,
 * `tar x`, `rsync -t`, `touch -d`, a build that pins every mtime), so a script edited to
 * the same size would look unchanged; the ctime moves to "now" on any write, rename or
 * mtime change and cannot be set. A chmod moves it too: that script is only read again.
 */
export function changeStamp(stat: { readonly mtimeMs: number; readonly ctimeMs: number }): number {
  return Math.max(stat.mtimeMs, stat.ctimeMs);
}
