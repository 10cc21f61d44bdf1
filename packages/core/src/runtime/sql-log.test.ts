import { describe, expect, test, vi } from "vitest";
import { formatSqlLogEntry, sqlLogFor } from "./sql-log.js";

describe("SQL log lines", () => {
  test.each([
    [{ sql: "SELECT 1", ms: 0.04, failed: false }, "SQL (0.0 ms): SELECT 1"],
    [
      { sql: "  CREATE TABLE a (\n  id INTEGER\n);\n", ms: 12.345, failed: false },
      "SQL (12.3 ms): CREATE TABLE a ( id INTEGER );",
    ],
    [
      {
        sql: "INSERT INTO a VALUES (?, ?, ?, ?)",
        params: [1, "x", null, 2n],
        ms: 1,
        failed: false,
      },
      'SQL (1.0 ms): INSERT INTO a VALUES (?, ?, ?, ?) -- params: [1, "x", null, 2n]',
    ],
    [
      {
        sql: "INSERT INTO b VALUES ($1, $2)",
        params: [new Uint8Array(3), new Date(0)],
        ms: 2,
        failed: true,
      },
      'SQL failed (2.0 ms): INSERT INTO b VALUES ($1, $2) -- params: [<3 bytes>, "1970-01-01T00:00:00.000Z"]',
    ],
  ])("%o", (entry, line) => {
    expect(formatSqlLogEntry(entry)).toBe(line);
  });

  test("off unless logSql or a logger; logSql: false wins; the mask applies to every line", () => {
    expect(sqlLogFor({}, (t) => t)).toBeUndefined();
    const lines: string[] = [];
    const logger = { info: (l: string) => lines.push(l) };
    expect(sqlLogFor({ logSql: false, logger }, (t) => t)).toBeUndefined();
    const log = sqlLogFor({ logger }, (t) => t.replaceAll("s3cr3t", "***"));
    log?.({ sql: "ALTER ROLE app PASSWORD 's3cr3t'", ms: 1, failed: false });
    expect(lines).toEqual(["SQL (1.0 ms): ALTER ROLE app PASSWORD '***'"]);
  });

  test("a logger that throws does not fail the run: its lines go to stderr, said once", () => {
    const stderr = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      let calls = 0;
      const logger = {
        info: () => {
          calls++;
          throw new Error("sink down s3cr3t\nsecond line");
        },
      };
      const log = sqlLogFor({ logger }, (t) => t.replaceAll("s3cr3t", "***"));
      log?.({ sql: "SELECT 1", ms: 1, failed: false });
      log?.({ sql: "SELECT 2", ms: 1, failed: false });
      expect(calls).toBe(1);
      expect(stderr.mock.calls.map((c) => c[0])).toEqual([
        "Warning: the config's logger threw (sink down ***); SQL lines go to stderr from here.",
        "SQL (1.0 ms): SELECT 1",
        "SQL (1.0 ms): SELECT 2",
      ]);
    } finally {
      stderr.mockRestore();
    }
  });

  test("a logger whose info() rejects later is handled the same, not an unhandled rejection", async () => {
    const stderr = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const logger = { info: async () => Promise.reject(new Error("async boom")) };
      const log = sqlLogFor({ logger }, (t) => t);
      log?.({ sql: "SELECT 1", ms: 1, failed: false });
      log?.({ sql: "SELECT 2", ms: 1, failed: false });
      await new Promise((resolve) => setTimeout(resolve, 0));
      log?.({ sql: "SELECT 3", ms: 1, failed: false });
      expect(stderr.mock.calls.map((c) => c[0])).toEqual([
        "Warning: the config's logger threw (async boom); SQL lines go to stderr from here.",
        "SQL (1.0 ms): SELECT 1",
        "SQL (1.0 ms): SELECT 2",
        "SQL (1.0 ms): SELECT 3",
      ]);
    } finally {
      stderr.mockRestore();
    }
  });
});
