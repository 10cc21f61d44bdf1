import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDatabaseUrl } from "@mig/core/dialect";
import { afterEach, expect, test } from "vitest";
import { createDialect, lockFilePath } from "../src/index.js";

const dist = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "mig-pglite-lock-"));
  dirs.push(dir);
  return dir;
}

/** Another process that opens the data directory and keeps it open until killed. */
async function holder(dataDir: string): Promise<ChildProcess> {
  const script = `import { createDialect } from ${JSON.stringify(dist)};
const source = await createDialect().connect({ rest: ${JSON.stringify(dataDir)}, masked: "pglite:" }, {});
await (await source.acquire()).query("SELECT 1");
console.log("open");
setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: "pipe" });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => d.toString().includes("open") && resolve());
    child.on("exit", (code) => reject(new Error(`holder exited ${code}`)));
  });
  return child;
}

test("a data directory open in another process: the lock is busy, naming that process", async () => {
  const dataDir = join(tempDir(), "pgdata");
  const child = await holder(dataDir);
  const dialect = createDialect();
  const source = await dialect.connect(parseDatabaseUrl(`pglite:${dataDir}`), {});
  try {
    const connection = await source.acquire();
    const got = await dialect.tryAcquireLock(connection, { table: { name: "mig_version" } });
    expect(got).toEqual({
      holder: `held by process ${child.pid} through the lock file ${dataDir}.mig-lock`,
    });
    await connection.release();
  } finally {
    await source.close();
  }
  // Still the other process's: a refused try removes nothing.
  expect(readFileSync(lockFilePath(dataDir), "utf8")).toMatch(new RegExp(`^${child.pid}\\n`));
}, 60_000);

test("a lock file left by a dead process is taken over, and removed on close", async () => {
  const dataDir = join(tempDir(), "pgdata");
  const child = await holder(dataDir);
  child.kill("SIGKILL");
  await new Promise((resolve) => child.once("exit", resolve));
  expect(existsSync(lockFilePath(dataDir))).toBe(true);
  const dialect = createDialect();
  const source = await dialect.connect(parseDatabaseUrl(`pglite:${dataDir}`), {});
  const connection = await source.acquire();
  const lock = await dialect.tryAcquireLock(connection, { table: { name: "mig_version" } });
  expect(lock).toHaveProperty("release");
  expect(readFileSync(lockFilePath(dataDir), "utf8")).toMatch(new RegExp(`^${process.pid}\\n`));
  await connection.release();
  await source.close();
  expect(existsSync(lockFilePath(dataDir))).toBe(false);
}, 60_000);

test("pglite::memory: needs no lock file; pglite: with nothing after it is a usage error", async () => {
  const dir = tempDir();
  const dialect = createDialect();
  const source = await dialect.connect(parseDatabaseUrl("pglite::memory:"), { cwd: dir });
  const connection = await source.acquire();
  expect(await connection.query("SELECT 1 + 1 AS two")).toEqual([{ two: 2 }]);
  await connection.release();
  await source.close();
  await expect(dialect.connect(parseDatabaseUrl("pglite:"), { cwd: dir })).rejects.toMatchObject({
    code: "invalid_url",
    usage: true,
  });
}, 60_000);

test("a URL with a host, a missing parent directory or a file: a plain error, no file made", async () => {
  const dir = tempDir();
  const dialect = createDialect();
  const connect = (url: string) => dialect.connect(parseDatabaseUrl(url), { cwd: dir });
  await expect(connect("pglite://host/data")).rejects.toMatchObject({
    code: "invalid_url",
    usage: true,
    message: "The URL 'pglite://host/data' names a host; PGlite has none.",
  });
  await expect(connect("pglite:./missing/deep/pgdata")).rejects.toMatchObject({
    code: "connection_failed",
    message: expect.stringContaining(
      `the directory ${join(dir, "missing", "deep")} does not exist`,
    ),
  });
  expect(existsSync(join(dir, "missing"))).toBe(false);
  writeFileSync(join(dir, "afile"), "not a database");
  await expect(connect("pglite:./afile")).rejects.toMatchObject({
    message: expect.stringContaining("it is a file, not a data directory"),
  });
  expect(existsSync(lockFilePath(join(dir, "afile")))).toBe(false);
});

test("create: false on a data directory that is not there reads as empty and creates nothing", async () => {
  const dataDir = join(tempDir(), "pgdata");
  const dialect = createDialect();
  const source = await dialect.connect(parseDatabaseUrl(`pglite:${dataDir}`), { create: false });
  try {
    const connection = await source.acquire();
    expect(await dialect.hasTable(connection, { name: "mig_version" })).toBe(false);
    await connection.release();
  } finally {
    await source.close();
  }
  expect(existsSync(dataDir)).toBe(false);
}, 60_000);
