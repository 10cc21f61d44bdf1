import { Prng } from "./prng.js";
import type { GeneratedGraph } from "./random-graph.js";

export type CommandName = "upgrade" | "downgrade" | "stamp";

export interface GraphCommand {
  readonly cmd: CommandName;
  /** A list only for stamp (several heads at once). */
  readonly target: string | readonly string[];
}

export interface GraphQueries {
  readonly resolve: readonly string[];
  readonly historyRanges: readonly string[];
  /** Each run starts from an empty database. */
  readonly runs: readonly (readonly GraphCommand[])[];
}

export interface QueryOptions {
  readonly runs?: number;
  readonly length?: number;
}

/**
 * Random identifiers, history ranges and command sequences for a graph. Targets are
 * picked from the graph alone, not from the database state, so some are invalid at the
 * moment they run: Alembic's error is then the expected answer.
 */
export function randomQueries(
  graph: GeneratedGraph,
  seed: number,
  options: QueryOptions = {},
): GraphQueries {
  const prng = new Prng(seed ^ 0x5eed);
  const ids = graph.headers.map((h) => h.revision);
  const labels = graph.labels;
  const rev = () => prng.pick(ids);
  const partial = () => rev().slice(0, prng.int(4, 8));
  const label = () => (labels.length > 0 ? prng.pick(labels) : rev());

  const upgradeTarget = (): string => {
    const r = prng.next();
    if (r < 0.22) return "heads";
    if (r < 0.27) return "head";
    if (r < 0.5) return rev();
    if (r < 0.55) return partial();
    if (r < 0.65) return "+1";
    if (r < 0.68) return "+2";
    if (r < 0.78) return `${label()}@head`;
    if (r < 0.83) return `${label()}@+1`;
    if (r < 0.88) return `${rev()}+1`;
    if (r < 0.92) return `${label()}@${rev()}`;
    if (r < 0.95) return `${label()}@heads`;
    return `${rev()}-1`;
  };
  const downgradeTarget = (): string => {
    const r = prng.next();
    if (r < 0.3) return rev();
    if (r < 0.42) return "base";
    if (r < 0.6) return "-1";
    if (r < 0.65) return "-2";
    if (r < 0.75) return `${label()}@-1`;
    if (r < 0.8) return `${label()}@base`;
    if (r < 0.86) return `${rev()}-1`;
    if (r < 0.9) return `${label()}@${rev()}`;
    if (r < 0.95) return partial();
    return `${rev()}+1`;
  };
  const stampTarget = (): string | string[] => {
    const r = prng.next();
    if (r < 0.55) return rev();
    if (r < 0.7) return "heads";
    if (r < 0.8) return "base";
    if (r < 0.9) return [rev(), rev()];
    return `${label()}@head`;
  };

  const runs: GraphCommand[][] = [];
  const runCount = options.runs ?? 3;
  const length = options.length ?? 8;
  for (let i = 0; i < runCount; i++) {
    const run: GraphCommand[] = [];
    for (let j = 0; j < length; j++) {
      const r = prng.next();
      // Start most runs by going up, so later downgrades have something to undo.
      if (j === 0 ? r < 0.85 : r < 0.5) run.push({ cmd: "upgrade", target: upgradeTarget() });
      else if (r < 0.9) run.push({ cmd: "downgrade", target: downgradeTarget() });
      else run.push({ cmd: "stamp", target: stampTarget() });
    }
    runs.push(run);
  }

  const resolve = new Set<string>(["head", "heads", "base"]);
  for (let i = 0; i < 6; i++) resolve.add(rev());
  for (let i = 0; i < 6; i++) resolve.add(rev().slice(0, prng.int(3, 6)));
  for (const l of labels) {
    resolve.add(l);
    resolve.add(`${l}@head`);
    resolve.add(`${l}@heads`);
    resolve.add(`${l}@base`);
    resolve.add(`${l}@-1`);
    resolve.add(`${l}@${rev()}`);
    resolve.add(l.slice(0, 4));
  }
  resolve.add("-1");
  resolve.add(`${rev()}@head`);

  const historyRanges = new Set<string>([":", "base:heads"]);
  for (let i = 0; i < 4; i++) historyRanges.add(`${rev()}:${rev()}`);
  historyRanges.add(`${rev()}:`);
  historyRanges.add(`:${rev()}`);
  if (labels.length > 0) historyRanges.add(`${label()}@base:${label()}@head`);
  historyRanges.add(`${rev()}:head`);

  return { resolve: [...resolve], historyRanges: [...historyRanges], runs };
}
