import { spawn, spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type { RevisionHeader } from "../../src/revision/index.js";
import type { GraphCommand } from "./random-commands.js";

/** The system interpreter: the `python3` first on PATH here cannot import the apt Alembic. */
export const PYTHON = "/usr/bin/python3";
const ORACLE = fileURLToPath(new URL("./oracle.py", import.meta.url));

export interface OracleError {
  readonly type: string;
  readonly message: string;
  /** Alembic failed with something other than its own CommandError/RevisionError. */
  readonly crash: boolean;
}

export type Answer<T> = T | { readonly error: OracleError };

export interface OracleCommandResult {
  readonly cmd: GraphCommand["cmd"];
  readonly target: GraphCommand["target"];
  readonly applied: readonly (readonly [string, "up" | "down"])[];
  /** Version rows after the command, sorted. */
  readonly rows: readonly string[];
  /** The same rows in the order Alembic reads them back (what it passes to the next command). */
  readonly rowsRaw: readonly string[];
  readonly error?: OracleError;
  readonly warnings?: readonly string[];
}

export interface OracleResult {
  readonly alembic: string;
  readonly graphError?: OracleError;
  readonly heads?: Answer<readonly string[]>;
  readonly realHeads?: Answer<readonly string[]>;
  readonly bases?: Answer<readonly string[]>;
  /** Lines `alembic heads`, `alembic history` and the `Rev:` lines of `history -v` print. */
  readonly headsText?: Answer<readonly string[]>;
  readonly historyText?: Answer<readonly string[]>;
  readonly historyVerboseText?: Answer<readonly string[]>;
  readonly history?: Answer<readonly string[]>;
  readonly historyRanges?: Readonly<Record<string, Answer<readonly string[]>>>;
  readonly branches?: Answer<readonly { revision: string; children: readonly string[] }[]>;
  readonly resolve?: Readonly<Record<string, Answer<readonly (string | null)[]>>>;
  readonly runs?: readonly (readonly OracleCommandResult[])[];
}

export interface OracleGraph {
  readonly revisions: readonly RevisionHeader[];
  readonly queries: {
    readonly resolve?: readonly string[];
    readonly historyRanges?: readonly string[];
    readonly runs?: readonly (readonly GraphCommand[])[];
  };
}

export function isError<T>(
  answer: Answer<T> | undefined,
): answer is { readonly error: OracleError } {
  return typeof answer === "object" && answer !== null && "error" in answer;
}

/** Fails loudly (never skips) when the reference implementation is not installed. */
export function assertAlembicAvailable(): string {
  const probe = spawnSync(
    PYTHON,
    ["-c", "import alembic, sqlalchemy; print(alembic.__version__)"],
    {
      encoding: "utf8",
    },
  );
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `Alembic, the reference implementation for the revision-graph tests, is not importable by ${PYTHON}` +
        ` (${probe.error?.message ?? probe.stderr.trim().split("\n").pop()}). Run the repo setup` +
        " (`bash scripts/ensure-tools.sh --databases`, which installs python3-alembic with apt)" +
        " and try again.",
    );
  }
  return probe.stdout.trim();
}

/**
 * Answers every graph with one Python process (startup and import cost ~0.3 s; a graph
 * ~20-100 ms). `hashSeed` fixes PYTHONHASHSEED: Alembic iterates a few sets of strings,
 * so a handful of its answers depend on it.
 */
export function runOracle(graphs: readonly OracleGraph[], hashSeed = 0): Promise<OracleResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [ORACLE], {
      env: { ...process.env, PYTHONHASHSEED: String(hashSeed), PYTHONDONTWRITEBYTECODE: "1" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) {
        reject(
          new Error(`oracle.py exited with ${code}: ${Buffer.concat(err).toString().slice(-2000)}`),
        );
        return;
      }
      try {
        resolve((JSON.parse(Buffer.concat(out).toString()) as { results: OracleResult[] }).results);
      } catch (error) {
        reject(error);
      }
    });
    child.stdin.end(JSON.stringify({ graphs }));
  });
}

/** runOracle split over `processes` Python processes (the graphs are independent). */
export async function runOracleParallel(
  graphs: readonly OracleGraph[],
  hashSeed = 0,
  processes = Math.max(1, Math.min(4, availableParallelism())),
): Promise<OracleResult[]> {
  const size = Math.ceil(graphs.length / processes);
  const chunks: OracleGraph[][] = [];
  for (let i = 0; i < graphs.length; i += size) chunks.push(graphs.slice(i, i + size));
  return (await Promise.all(chunks.map((chunk) => runOracle(chunk, hashSeed)))).flat();
}
