import { describe, expect, it } from "vitest";
import type { Connection } from "../connection/connection.js";
import type { LockBusy, LockHandle, LockOptions } from "../dialect/dialect.js";
import { DialectBase } from "../dialect/dialect-base.js";
import { acquireLock } from "./acquire-lock.js";

/** A dialect whose lock is busy for the first `busyTries` tries, then free. */
class TurnstileDialect extends DialectBase {
  readonly name = "turnstile";
  readonly schemes = ["turnstile"];
  tries = 0;
  released = 0;

  constructor(readonly busyTries: number) {
    super();
  }

  override async tryAcquireLock(
    _connection: Connection,
    _options: LockOptions,
  ): Promise<LockHandle | LockBusy> {
    this.tries++;
    if (this.tries <= this.busyTries) return { holder: "held by run 7" };
    return { release: async () => void this.released++ };
  }

  async connect(): Promise<never> {
    throw new Error("not used");
  }

  async hasTable(): Promise<boolean> {
    return false;
  }
}

const connection = {} as Connection;
const table = { name: "mig_version" };

describe("acquireLock: core's one wait loop", () => {
  it("tries again until the lock is free, telling onWait the holder once", async () => {
    const dialect = new TurnstileDialect(3);
    const holders: string[] = [];
    const lock = await acquireLock(dialect, connection, {
      table,
      timeoutMs: 60_000,
      onWait: (holder) => holders.push(holder),
    });
    expect(dialect.tries).toBe(4);
    expect(holders).toEqual(["held by run 7"]);
    await lock.release();
    expect(dialect.released).toBe(1);
  });

  it("gives up after the timeout with a LockTimeoutError naming the holder", async () => {
    const dialect = new TurnstileDialect(Number.POSITIVE_INFINITY);
    const error = await acquireLock(dialect, connection, { table, timeoutMs: 50 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "lock_timeout", name: "LockTimeoutError" });
    expect((error as Error).message).toBe(
      "Another migration run holds the lock; gave up after 0.05 s (held by run 7).",
    );
    expect(dialect.tries).toBeGreaterThan(1);
  });

  it("with a timeout of 0 tries once and announces no wait", async () => {
    const dialect = new TurnstileDialect(1);
    const holders: string[] = [];
    await expect(
      acquireLock(dialect, connection, { table, timeoutMs: 0, onWait: (h) => holders.push(h) }),
    ).rejects.toMatchObject({ code: "lock_timeout" });
    expect(dialect.tries).toBe(1);
    expect(holders).toEqual([]);
  });

  it.each([-1, Number.NaN])("a timeout of %s ms is a usage error, before any try", async (ms) => {
    const dialect = new TurnstileDialect(0);
    await expect(acquireLock(dialect, connection, { table, timeoutMs: ms })).rejects.toMatchObject({
      code: "invalid_lock_timeout",
      usage: true,
    });
    expect(dialect.tries).toBe(0);
  });
});
