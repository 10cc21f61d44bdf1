import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
