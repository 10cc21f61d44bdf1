import { randomUUID } from "node:crypto";
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";

/** The lock file beside a data directory: `./pgdata` -> `./pgdata.mig-lock`. */
export function lockFilePath(dataDir: string): string {
  return `${dataDir.replace(/[\\/]+$/, "")}.mig-lock`;
}

/**
 * Who may open a PGlite data directory. PGlite is PostgreSQL in one process with no
 * postmaster to arbitrate, so two processes opening one directory corrupt it. The first
 * opener creates the lock file (`wx`: only one create wins) holding its pid and a token;
 * everyone else waits. A file left by a dead process is stale and taken over.
 */
export class DataDirLock {
  readonly path: string;
  readonly #content: string;

  private constructor(path: string, content: string) {
    this.path = path;
    this.#content = content;
  }

  /** One attempt, without waiting: the lock, or a `held ...` sentence naming the holder. */
  static try(path: string): DataDirLock | string {
    const content = `${process.pid}\n${randomUUID()}\n`;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(path, content, { flag: "wx" });
        return new DataDirLock(path, content);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const held = readHolder(path);
      if (held === undefined) continue; // released between our create and our read
      if (isAlive(held.pid)) return `held by process ${held.pid} through the lock file ${path}`;
      // A dead holder: remove its file, unless another taker replaced it meanwhile.
      if (readHolder(path)?.content === held.content) unlinkSync(path);
    }
    return `held through the lock file ${path}`;
  }

  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): void {
    if (readHolder(this.path)?.content === this.#content) unlinkSync(this.path);
  }
}

function readHolder(path: string): { pid: number; content: string } | undefined {
  try {
    const content = readFileSync(path, "utf8");
    return { pid: Number.parseInt(content, 10), content };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Signal 0 checks the process exists; EPERM means it exists under another user. */
function isAlive(pid: number): boolean {
  // A half-written file (no pid yet) belongs to a live creator.
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
