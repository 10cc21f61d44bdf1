import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../bin/mig.js", import.meta.url));
const SQLITE = fileURLToPath(new URL("../../../packages/sqlite/dist/index.js", import.meta.url));

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `mig` binary as a user would. */
export function mig(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "", ...env },
    encoding: "utf8",
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Starts `mig`, sends SIGINT once `ready()` holds (checked every 20 ms, for at most 90 s),
 * and resolves with the exit code, its stderr and the ms from the signal to the exit.
 */
export async function interruptMig(
  cwd: string,
  args: readonly string[],
  ready: () => boolean,
): Promise<{ code: number | null; stderr: string; afterSignalMs: number }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1" },
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  const deadline = Date.now() + 90_000;
  while (!ready() && Date.now() < deadline) await sleep(20);
  child.kill("SIGINT");
  const signalled = Date.now();
  const code = await exited;
  return { code, stderr, afterSignalMs: Date.now() - signalled };
}

export function tempDir(prefix = "mig-cli-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A project whose config loads the SQLite dialect by path (temp dirs have no node_modules). */
export function sqliteProject(url = "sqlite:./app.db", extra = ""): string {
  const dir = tempDir();
  mkdirSync(join(dir, "migrations"));
  writeFileSync(
    join(dir, "mig.config.mjs"),
    `import { createDialect } from ${JSON.stringify(SQLITE)};\nexport default { url: ${JSON.stringify(url)}, dialects: [createDialect()]${extra} };\n`,
  );
  return dir;
}

/** A JavaScript migration creating (and on downgrade dropping) `table`. */
export function tableScript(revision: string, down: string | null, table: string): string {
  return `/** ${revision} */
export const revision = ${JSON.stringify(revision)};
export const downRevision = ${JSON.stringify(down)};

export async function upgrade(op) {
  await op.execute("CREATE TABLE ${table} (id INTEGER)");
}

export async function downgrade(op) {
  await op.execute("DROP TABLE ${table}");
}
`;
}
