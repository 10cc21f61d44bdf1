import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { acquireLock, type Connection, parseDatabaseUrl } from "@mig/core";
import { describe, expect, it } from "vitest";
import { createDialect, lockFilePath } from "../src/index.js";
import { MIGRATIONS, migrateRun, type RunReport } from "./fixtures/migrate-run.mjs";
import { caught, connect, tempDir } from "./helpers.js";

const dialect = createDialect();
/** Core's wait loop over the dialect's one-try lock, as `mig up` takes it. */
const take = (connection: Connection, timeoutMs: number, name = "mig_version") =>
  acquireLock(dialect, connection, { timeoutMs, table: { name } });
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe("lockFilePath", () => {
  const cases: ReadonlyArray<readonly [table: { name: string; schema?: string }, path: string]> = [
    [{ name: "mig_version" }, "/d/app.db.mig_version.mig-lock"],
    [{ name: "Other-Table_2" }, "/d/app.db.Other-Table_2.mig-lock"],
    [{ name: "a.b" }, "/d/app.db.a%2Eb.mig-lock"],
    [{ name: "a%2Eb" }, "/d/app.db.a%252Eb.mig-lock"],
    [{ name: "../x y" }, "/d/app.db.%2E%2E%2Fx%20y.mig-lock"],
    [{ name: "é" }, "/d/app.db.%C3%A9.mig-lock"],
    [{ name: "v", schema: "main" }, "/d/app.db.main%2Ev.mig-lock"],
  ];
  it.each(cases)("%o -> %s", (table, path) => {
    expect(lockFilePath("/d/app.db", table)).toBe(path);
  });
});

describe("migration lock, in one process", () => {
  it("a second connection waits at most timeoutMs, then LockTimeoutError naming the lock file; after release it gets the lock", async () => {
    const dir = tempDir();
    const a = await connect("sqlite:./app.db", { cwd: dir });
    const b = await connect("sqlite:./app.db", { cwd: dir });
    const held = await take(a.connection, 1000);
    expect(existsSync(join(dir, "app.db.mig_version.mig-lock"))).toBe(true);

    const holders: string[] = [];
    const started = performance.now();
    const error = (await caught(() =>
      acquireLock(dialect, b.connection, {
        timeoutMs: 300,
        table: { name: "mig_version" },
        onWait: (holder) => holders.push(holder),
      }),
    )) as Error & { code: string };
    const waited = performance.now() - started;
    expect(error).toMatchObject({ code: "lock_timeout", name: "LockTimeoutError" });
    expect(error.message).toContain("gave up after 0.3 s");
    expect(error.message).toContain(
      `(held through the lock file ${join(dir, "app.db.mig_version.mig-lock")})`,
    );
    expect(holders).toEqual([
      `held through the lock file ${join(dir, "app.db.mig_version.mig-lock")}`,
    ]);
    expect(waited).toBeGreaterThanOrEqual(295);
    expect(waited).toBeLessThan(300 + 5000);

    await held.release();
    await (await take(b.connection, 0)).release();
  });

  it("a waiter gets the lock soon after it is released, and the event loop runs meanwhile", async () => {
    const dir = tempDir();
    const a = await connect("sqlite:./app.db", { cwd: dir });
    const b = await connect("sqlite:./app.db", { cwd: dir });
    const held = await take(a.connection, 1000);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const released = new Promise<number>((resolve) =>
      setTimeout(() => {
        void held.release().then(() => resolve(performance.now()));
      }, 250),
    );
    try {
      const second = await take(b.connection, 10_000);
      const gotIt = performance.now();
      // Well before its 10 s timeout, with room for a busy machine.
      expect(gotIt - (await released)).toBeLessThan(3000);
      expect(ticks).toBeGreaterThanOrEqual(5);
      await second.release();
    } finally {
      clearInterval(ticker);
    }
  });

  it("timeoutMs 0 tries once and announces no wait", async () => {
    const dir = tempDir();
    const a = await connect("sqlite:./app.db", { cwd: dir });
    const b = await connect("sqlite:./app.db", { cwd: dir });
    await take(a.connection, 0);
    const holders: string[] = [];
    const started = performance.now();
    await expect(
      acquireLock(dialect, b.connection, {
        timeoutMs: 0,
        table: { name: "mig_version" },
        onWait: (holder) => holders.push(holder),
      }),
    ).rejects.toMatchObject({ code: "lock_timeout" });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(holders).toEqual([]);
  });

  it("a negative or NaN timeout is a usage error", async () => {
    const { connection } = await connect("sqlite:./app.db");
    for (const timeoutMs of [-1, Number.NaN]) {
      await expect(take(connection, timeoutMs)).rejects.toMatchObject({
        code: "invalid_lock_timeout",
        usage: true,
      });
    }
  });

  it("is per version table: separate migration sets do not block each other", async () => {
    const dir = tempDir();
    const a = await connect("sqlite:./app.db", { cwd: dir });
    const b = await connect("sqlite:./app.db", { cwd: dir });
    await take(a.connection, 0, "mig_version");
    await take(b.connection, 0, "plugin_version");
    expect(readdirSync(dir).sort()).toEqual([
      "app.db",
      "app.db.mig_version.mig-lock",
      "app.db.plugin_version.mig-lock",
    ]);
  });

  it("the lock lives in the handle: a second take waits even on the same connection; release twice is harmless", async () => {
    const { connection } = await connect("sqlite:./app.db");
    const held = await take(connection, 0);
    await expect(take(connection, 0)).rejects.toMatchObject({ code: "lock_timeout" });
    await held.release();
    await held.release();
    await (await take(connection, 0)).release();
  });

  it("an in-memory database needs no lock and writes no file", async () => {
    const dir = tempDir();
    const { connection } = await connect("sqlite::memory:", { cwd: dir });
    const held = await take(connection, 0);
    await take((await connect("sqlite::memory:", { cwd: dir })).connection, 0);
    await held.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("works on a connection from a config `connect` hook (found through PRAGMA database_list)", async () => {
    const dir = tempDir();
    const inner = (await connect("sqlite:./app.db", { cwd: dir })).connection;
    const wrapped: Connection = {
      execute: (sql, params) => inner.execute(sql, params),
      query: (sql, params) => inner.query(sql, params),
      begin: () => inner.begin(),
      commit: () => inner.commit(),
      rollback: () => inner.rollback(),
      release: () => inner.release(),
    };
    const other = await connect("sqlite:./app.db", { cwd: dir });
    const held = await take(wrapped, 0);
    await expect(take(other.connection, 0)).rejects.toMatchObject({ code: "lock_timeout" });
    await held.release();
    await take(other.connection, 0);
  });

  it("20 runs started at once apply each migration exactly once, one run at a time", async () => {
    const dir = tempDir();
    const file = join(dir, "app.db");
    const runs = Array.from({ length: 20 }, async () => {
      const source = await dialect.connect(parseDatabaseUrl(`sqlite:${file}`), {});
      return migrateRun(dialect, source, { timeoutMs: 30_000, stepMs: 5 });
    });
    const reports = await Promise.all(runs);
    expectSerialisedExactlyOnce(reports);
    const { connection } = await connect(`sqlite:${file}`);
    expect(await connection.query("SELECT version_num FROM mig_version ORDER BY 1")).toEqual(
      MIGRATIONS.map((version_num) => ({ version_num })),
    );
  });
});

describe("migration lock, across processes", () => {
  it("another process holding the lock makes us time out; when it dies the lock is free", async () => {
    const dir = tempDir();
    const { connection } = await connect("sqlite:./app.db", { cwd: dir });
    const holder = startNode([
      fixture("hold-lock.mjs"),
      lockFilePath(join(dir, "app.db"), { name: "mig_version" }),
      "hold",
    ]);
    try {
      expect(await firstLine(holder)).toBe("locked");
      const started = performance.now();
      await expect(take(connection, 400)).rejects.toMatchObject({ code: "lock_timeout" });
      const waited = performance.now() - started;
      expect(waited).toBeGreaterThanOrEqual(395);
      expect(waited).toBeLessThan(400 + 5000);
    } finally {
      holder.kill("SIGKILL");
      await exited(holder);
    }
    // No stale lock: the operating system dropped it with the process.
    await (await take(connection, 2000)).release();
  });

  it("while we hold the lock another process cannot take it; after release it can", async () => {
    const dir = tempDir();
    const { connection } = await connect("sqlite:./app.db", { cwd: dir });
    const path = lockFilePath(join(dir, "app.db"), { name: "mig_version" });
    const held = await take(connection, 0);
    try {
      const child = startNode([fixture("hold-lock.mjs"), path, "try"]);
      expect(await firstLine(child)).toBe("busy");
      await exited(child);
    } finally {
      await held.release();
    }
    const child = startNode([fixture("hold-lock.mjs"), path, "try"]);
    expect(await firstLine(child)).toBe("locked");
    await exited(child);
  });

  it("8 `mig up` processes started at once apply each migration exactly once, one at a time", async () => {
    const dir = tempDir();
    const file = join(dir, "app.db");
    // The workers load the built package, as `mig` does: no transpiling per process.
    const built = fileURLToPath(new URL("../dist/index.js", import.meta.url));
    expect(existsSync(built), "build @mig/sqlite first (pnpm run build)").toBe(true);
    const children = Array.from({ length: 8 }, () =>
      startNode([fixture("run-worker.mjs"), file, "150000", "20"]),
    );
    const outputs = await Promise.all(
      children.map(async (child) => ({ line: await firstLine(child), code: await exited(child) })),
    );
    const reports = outputs.map(({ line, code }) => {
      const report = JSON.parse(line) as RunReport | { error: string; message: string };
      expect(report, line).not.toHaveProperty("error");
      expect(code).toBe(0);
      return report as RunReport;
    });
    expect(new Set(reports.map((r) => r.pid)).size).toBe(8);
    expectSerialisedExactlyOnce(reports);
  }, 180_000);
});

function expectSerialisedExactlyOnce(reports: readonly RunReport[]): void {
  const applied = reports.flatMap((r) => r.applied);
  expect(applied.sort()).toEqual([...MIGRATIONS]);
  // The first run to get the lock applies everything; the rest find nothing to do.
  expect(reports.filter((r) => r.applied.length > 0)).toHaveLength(1);
  const byStart = [...reports].sort((x, y) => x.start - y.start);
  for (let i = 1; i < byStart.length; i++) {
    expect(byStart[i]!.start).toBeGreaterThanOrEqual(byStart[i - 1]!.end);
  }
}

function startNode(args: string[]): ChildProcess {
  return spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (chunk: string) => {
      buffer += chunk;
      const end = buffer.indexOf("\n");
      if (end >= 0) resolve(buffer.slice(0, end));
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`child exited (${code}) before printing a line: ${buffer}`)),
    );
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}
