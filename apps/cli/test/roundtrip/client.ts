import { spawnSync } from "node:child_process";

/** What the corpus tests need from a database, done with the database's own tools. */
export interface CorpusDatabase {
  /** The URL a mig config uses. */
  readonly url: string;
  /** Loads a SQL file with the database's own client; throws with the client's output. */
  load(file: string): void;
  /**
   * The tables mig is asked to model: ordinary tables, without views, partitions,
   * extension-owned tables and mig's version table. Sorted.
   */
  tables(): string[];
  /**
   * The schema of `tables` as the database's own tools print it, one entry per object (its
   * lines, so a difference shows line by line), normalised only in ordering and in what mig
   * does not model (see each dialect).
   */
  describe(tables: readonly string[]): Record<string, readonly string[]>;
  /** What mig models that is left besides the version table and the applied log (tables, enum types). */
  leftovers(): string[];
  drop(): void;
}

/** Runs a database client; a missing client or a failure throws with its output. */
export function run(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {},
): string {
  const r = spawnSync(command, args, {
    encoding: "utf8",
    env: { ...process.env, ...options.env },
    input: options.input,
    cwd: options.cwd,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw new Error(`${command} could not run: ${r.error.message}`);
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${r.status}:\n${r.stderr}${r.stdout}`);
  }
  return r.stdout;
}

/** A database name no other test uses. */
export function uniqueName(label: string): string {
  const clean = label.replace(/[^a-z0-9]/gi, "_").toLowerCase();
  return `corpus_${clean}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

/** The server URL from the environment; a missing one fails the test, never skips it. */
export function serverUrl(variable: string, script: string): URL {
  const url = process.env[variable];
  if (!url) {
    throw new Error(
      `${variable} is not set, so the corpus round-trip tests cannot run. Start the server with ` +
        `\`bash scripts/db/${script} start\` and export ${variable}="$(bash scripts/db/${script} url)".`,
    );
  }
  return new URL(url);
}
