import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Connection, type LockBusy, type LockHandle, parseDatabaseUrl } from "@mig/core";
import { type CliRun, runCli } from "@mig/dialect-tests";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDialect, type MysqlDialectOptions } from "../src/index.js";
import type { MysqlConnectionSource } from "../src/mysql-driver.js";
import { connect, galeraUrls, withDatabase } from "./helpers.js";

// 20 `mig up` processes at once, spread round-robin over the three nodes of a Galera
// cluster (scripts/db/galera.sh). Each migration writes one row and sleeps, so runs that
// both believe they hold the lock overlap and the double apply shows.
const RUNS = 20;
const REVISIONS = ["r1", "r2", "r3", "r4", "r5", "r6"];
const SLEEP_SECONDS = 0.8;
const cli = fileURLToPath(new URL("../../../apps/cli/bin/mig.js", import.meta.url));
const dialectModule = pathToFileURL(fileURLToPath(new URL("../dist/index.js", import.meta.url)));

let urls: string[];
const dirs: string[] = [];
const databases: string[] = [];

beforeAll(() => {
  urls = galeraUrls();
});

afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  if (databases.length === 0) return;
  const source = await connect(urls[0]!, { poolSize: 1 });
  const c = await source.acquire();
  for (const name of databases) await c.execute(`DROP DATABASE IF EXISTS \`${name}\``);
  await c.release();
  await source.close();
});

/** A fresh database, created on node 1 and so on every node. */
async function freshDatabase(): Promise<string> {
  const database = `mig_galera_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const source = await connect(urls[0]!, { poolSize: 1 });
  const c = await source.acquire();
  await c.execute(`CREATE DATABASE \`${database}\``);
  await c.release();
  await source.close();
  databases.push(database);
  return database;
}

/** A project on a fresh database; the URL (the node) is chosen per process. */
async function project(): Promise<{ dir: string; database: string }> {
  const database = await freshDatabase();
  const dir = mkdtempSync(join(tmpdir(), "mig-galera-"));
  dirs.push(dir);
  mkdirSync(join(dir, "migrations"));
  writeFileSync(
    join(dir, "mig.config.mjs"),
    `import { createDialect } from ${JSON.stringify(dialectModule.href)};\nexport default { url: process.env.GALERA_NODE_URL, dialects: [createDialect()] };\n`,
  );
  REVISIONS.forEach((rev, i) => {
    const up = [
      // No IF NOT EXISTS: a second apply of r1 fails its run.
      ...(i === 0 ? ["CREATE TABLE applied (rev VARCHAR(8) NOT NULL, node VARCHAR(64))"] : []),
      `INSERT INTO applied (rev, node) VALUES ('${rev}', @@wsrep_node_name)`,
      `SELECT SLEEP(${SLEEP_SECONDS})`,
    ];
    writeFileSync(
      join(dir, "migrations", `000${i}_${rev}.sql`),
      [
        `-- revision: ${rev}`,
        `-- down_revision: ${i === 0 ? "none" : REVISIONS[i - 1]}`,
        `-- message: galera ${rev}`,
        // Each statement commits at once: a second apply leaves its row even if its run fails later.
        "-- transactional: false",
        "",
        "-- migrate:up",
        ...up.map((s) => `${s};`),
        "",
        "-- migrate:down",
        i === 0 ? "DROP TABLE applied;" : `DELETE FROM applied WHERE rev = '${rev}';`,
        "",
      ].join("\n"),
    );
  });
  return { dir, database };
}

/** RUNS processes at once, run i on node i mod 3, each with `?lock=` when given. */
function upEverywhere(dir: string, database: string, lock?: string): Promise<CliRun[]> {
  return Promise.all(
    Array.from({ length: RUNS }, (_, i) => {
      const url = new URL(withDatabase(urls[i % urls.length]!, database));
      if (lock) url.searchParams.set("lock", lock);
      return runCli(cli, ["up", "--lock-timeout", "300"], dir, { GALERA_NODE_URL: url.toString() });
    }),
  );
}

interface NodeState {
  /** Rows left in the lock table; undefined when there is no lock table. */
  readonly lockRows: number | undefined;
  readonly applied: Record<string, number>;
  readonly version: string[];
  readonly upRows: Record<string, number>;
}

/** What each node holds, read after the node has applied everything committed before (wsrep_sync_wait). */
async function nodeStates(database: string): Promise<NodeState[]> {
  const states: NodeState[] = [];
  for (const url of urls) {
    const source = await connect(withDatabase(url, database), { poolSize: 1 });
    const c = await source.acquire();
    try {
      await c.execute("SET SESSION wsrep_sync_wait = 1");
      const count = async (sql: string) =>
        Object.fromEntries(
          (await c.query<{ rev: string; n: number }>(sql)).map((r) => [r.rev, Number(r.n)]),
        );
      const tables = await c.query<{ t: string }>(
        "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE()",
      );
      const has = (t: string) => tables.some((r) => r.t === t);
      states.push({
        lockRows: has("mig_version_lock")
          ? Number(
              (await c.query<{ n: number }>("SELECT COUNT(*) AS n FROM mig_version_lock"))[0]!.n,
            )
          : undefined,
        applied: has("applied")
          ? await count("SELECT rev, COUNT(*) AS n FROM applied GROUP BY rev ORDER BY rev")
          : {},
        version: has("mig_version")
          ? (await c.query<{ v: string }>("SELECT version_num AS v FROM mig_version")).map(
              (r) => r.v,
            )
          : [],
        upRows: has("mig_log")
          ? await count(
              "SELECT revision AS rev, COUNT(*) AS n FROM mig_log WHERE direction = 'up' AND success GROUP BY revision ORDER BY revision",
            )
          : {},
      });
    } finally {
      await c.release();
      await source.close();
    }
  }
  return states;
}

const once = Object.fromEntries(REVISIONS.map((r) => [r, 1]));

/** Three sessions per node on `database`, with the dialect `options` give. */
async function sessionsPerNode(
  database: string,
  options: MysqlDialectOptions = {},
): Promise<{ sources: MysqlConnectionSource[]; sessions: Connection[] }> {
  const sources: MysqlConnectionSource[] = [];
  const sessions: Connection[] = [];
  for (const url of urls) {
    const source = await createDialect(options).connect(
      parseDatabaseUrl(withDatabase(url, database)),
      { pool: { poolSize: 3 } },
    );
    sources.push(source);
    for (let i = 0; i < 3; i++) sessions.push(await source.acquire());
  }
  return { sources, sessions };
}

const table = { name: "mig_version" };
const isHandle = (got: LockHandle | LockBusy): got is LockHandle => "release" in got;

describe("Galera: a lock that holds across the cluster's nodes", () => {
  it("a lock taken on one node is busy on the others, naming the node; with GET_LOCK it is not", async () => {
    const database = await freshDatabase();
    const { sources, sessions } = await sessionsPerNode(database);
    const [one, , , two, , , three] = sessions;
    try {
      const dialect = createDialect();
      const held = await dialect.tryAcquireLock(one!, { table });
      expect(isHandle(held)).toBe(true);
      for (const other of [two!, three!]) {
        const busy = await dialect.tryAcquireLock(other, { table });
        expect((busy as LockBusy).holder).toMatch(
          /^held by mig on .+ via Galera node \S+, heartbeat/,
        );
      }
      await (held as LockHandle).release();
      await ((await dialect.tryAcquireLock(two!, { table })) as LockHandle).release();

      // GET_LOCK: each node grants it, unaware of the others.
      const plain = createDialect({ lock: "get_lock" });
      const both = [
        await plain.tryAcquireLock(one!, { table }),
        await plain.tryAcquireLock(two!, { table }),
      ];
      expect(both.map(isHandle)).toEqual([true, true]);
      for (const h of both) await (h as LockHandle).release();
    } finally {
      for (const c of sessions) await c.release();
      for (const s of sources) await s.close();
    }
  });

  it("nine claims (or stale takeovers) at once over three nodes: exactly one wins, each round", async () => {
    const database = await freshDatabase();
    const { sources, sessions } = await sessionsPerNode(database);
    try {
      const dialect = createDialect();
      // The crashed holder's row is written after the last release has reached node 1.
      await sessions[0]!.execute("SET SESSION wsrep_sync_wait = 7");
      for (let round = 0; round < 6; round++) {
        // Odd rounds start from a crashed holder's row: the takeover is certified too.
        if (round % 2 === 1) {
          await sessions[0]!.execute(
            "INSERT INTO mig_version_lock VALUES (1, 'feedfeedfeedfeedfeedfeedfeedfeed', 'mig on crashed-host pid 42', UTC_TIMESTAMP(3) - INTERVAL 2 MINUTE, UTC_TIMESTAMP(3) - INTERVAL 2 MINUTE)",
          );
        }
        const got = await Promise.all(sessions.map((c) => dialect.tryAcquireLock(c, { table })));
        const won = got.filter(isHandle);
        expect(won, JSON.stringify(got.filter((g) => !isHandle(g)))).toHaveLength(1);
        await won[0]!.release();
      }
    } finally {
      for (const c of sessions) await c.release();
      for (const s of sources) await s.close();
    }
  });

  it(`${RUNS} mig up processes over three nodes apply each migration exactly once`, async () => {
    const { dir, database } = await project();
    const runs = await upEverywhere(dir, database);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const states = await nodeStates(database);
    expect(states).toHaveLength(urls.length);
    for (const state of states) {
      expect(state.applied).toEqual(once);
      expect(state.version).toEqual(["r6"]);
      expect(state.upRows).toEqual(once);
      // The lock table was used (Galera detected), and every run deleted its row.
      expect(state.lockRows).toBe(0);
    }
  }, 600_000);

  it("the same runs with plain GET_LOCK (?lock=get_lock) apply a migration twice or fail on the duplicate", async () => {
    const { dir, database } = await project();
    const runs = await upEverywhere(dir, database, "get_lock");
    const failed = runs.filter((r) => r.code !== 0);
    const [state] = await nodeStates(database);
    const twice = Object.entries(state!.applied).filter(([, n]) => n > 1);
    const loggedTwice = Object.entries(state!.upRows).filter(([, n]) => n > 1);
    expect(state!.lockRows).toBeUndefined();
    // GET_LOCK holds on one node only: runs on different nodes migrate side by side.
    expect(
      failed.length + twice.length + loggedTwice.length,
      `failed runs: ${failed.length}, applied: ${JSON.stringify(state!.applied)}, log: ${JSON.stringify(state!.upRows)}`,
    ).toBeGreaterThan(0);
  }, 600_000);
});
