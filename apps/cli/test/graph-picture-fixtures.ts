import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** One revision of a generated graph. */
export interface GenRevision {
  readonly id: string;
  readonly down: readonly string[];
  readonly dependsOn: readonly string[];
  readonly label?: string;
  readonly message: string;
}

/** A tiny seeded generator: the same graph every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A branchy graph of `count` revisions: long runs, branches, merges, labelled branches
 * (which stay heads) and `dependsOn` across branches, as a busy team's project grows.
 */
export function branchyGraph(count: number, seed = 7): GenRevision[] {
  const next = random(seed);
  const revs: GenRevision[] = [];
  const id = () => `r${String(revs.length).padStart(4, "0")}`;
  const tips: { id: string; labelled: boolean }[] = [];
  const add = (rev: GenRevision) => {
    revs.push(rev);
    return rev.id;
  };
  tips.push({
    id: add({ id: id(), down: [], dependsOn: [], message: "create schema" }),
    labelled: false,
  });
  let labels = 0;
  while (revs.length < count) {
    const roll = next();
    const t = Math.floor(next() * tips.length);
    const tip = tips[t]!;
    const free = tips.filter((x) => !x.labelled);
    if (roll < 0.06 && tips.length < 6 && free.length > 0) {
      // Labelled branches neither merge nor branch again: Alembic keeps labels apart.
      const from = free[Math.floor(next() * free.length)]!;
      const label = labels < 2 && next() < 0.4 ? `feature-${++labels}` : undefined;
      const rev = {
        id: id(),
        down: [from.id],
        dependsOn: [],
        message: `branch off ${from.id}`,
        ...(label ? { label } : {}),
      };
      tips.push({ id: add(rev), labelled: label !== undefined });
    } else if (roll < 0.1 && free.length >= 2) {
      const [a, b] = [free[0]!, free[free.length - 1]!];
      const merged = add({
        id: id(),
        down: [a.id, b.id],
        dependsOn: [],
        message: `merge ${a.id} and ${b.id}`,
      });
      tips.splice(tips.indexOf(b), 1);
      a.id = merged;
    } else if (roll < 0.11 && revs.length > 10) {
      const dep = revs[Math.floor(next() * (revs.length - 1))]!.id;
      const down = [tip.id];
      tip.id = add({
        id: id(),
        down,
        dependsOn: dep === tip.id ? [] : [dep],
        message: `needs ${dep}`,
      });
    } else {
      tip.id = add({ id: id(), down: [tip.id], dependsOn: [], message: `change ${revs.length}` });
    }
  }
  return revs;
}

/** Writes one SQL migration per revision into `dir/migrations`. */
export function writeGraph(dir: string, revs: readonly GenRevision[]): void {
  mkdirSync(join(dir, "migrations"), { recursive: true });
  const list = (ids: readonly string[]) => (ids.length ? ids.join(", ") : "none");
  for (const r of revs) {
    const header = [
      `-- revision: ${r.id}`,
      `-- down_revision: ${list(r.down)}`,
      `-- branch_labels: ${r.label ?? "none"}`,
      `-- depends_on: ${list(r.dependsOn)}`,
      `-- message: ${r.message}`,
      "-- migrate:up",
      `CREATE TABLE t_${r.id} (id INTEGER);`,
      "-- migrate:down",
      `DROP TABLE t_${r.id};`,
      "",
    ];
    writeFileSync(join(dir, "migrations", `${r.id}.sql`), header.join("\n"));
  }
}

/** Heads and merges of a generated graph: what must be visible in every picture. */
export function headsAndMerges(revs: readonly GenRevision[]): {
  heads: string[];
  merges: string[];
} {
  const parents = new Set(revs.flatMap((r) => r.down));
  return {
    heads: revs.filter((r) => !parents.has(r.id)).map((r) => r.id),
    merges: revs.filter((r) => r.down.length > 1).map((r) => r.id),
  };
}
