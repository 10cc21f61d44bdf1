import { describe, expect, it } from "vitest";
import { RecordingDialect } from "../../test/test-dialect.js";
import type { LogRowValues } from "./log-table-sql.js";

const table = { name: "mig_log" };
const row: LogRowValues = {
  revision: "a1",
  direction: "up",
  checksum: "c0ffee",
  startedAt: new Date("2026-01-02T03:04:05.678Z"),
  finishedAt: null,
  durationMs: null,
  success: false,
  errorCode: null,
  errorMessage: null,
  statementsDone: null,
  statementsChecksum: null,
  resumedFrom: null,
  migVersion: "1.2.3",
  tag: null,
  host: "box",
};
const done: LogRowValues = {
  ...row,
  finishedAt: "now",
  durationMs: 12.6,
  success: true,
  errorCode: "E1",
  errorMessage: "it's broken",
  statementsDone: 3,
  statementsChecksum: "beef",
  resumedFrom: 2,
  tag: "v7",
};

// The text is pinned: offline SQL is what users review and keep.
describe("the applied log's row statements", () => {
  const sql = new RecordingDialect().logTable;

  // The columns left NULL are not named (the table has no defaults): a third of offline
  // output was those NULLs, one row per step.
  it("renders an unfinished row's insert with only the columns it fills", () => {
    expect(sql.insert(table, row)).toBe(
      `INSERT INTO "mig_log" ("revision", "direction", "checksum", "started_at", "success", "mig_version", "host", "db_user") VALUES ('a1', 'up', 'c0ffee', '2026-01-02T03:04:05.678Z', FALSE, '1.2.3', 'box', CURRENT_USER)`,
    );
  });

  it("renders a finished row's insert and finish", () => {
    expect(sql.insert(table, done)).toBe(
      `INSERT INTO "mig_log" ("revision", "direction", "checksum", "started_at", "finished_at", "duration_ms", "success", "error_code", "error_message", "statements_done", "statements_checksum", "resumed_from", "mig_version", "tag", "host", "db_user") VALUES ('a1', 'up', 'c0ffee', '2026-01-02T03:04:05.678Z', CURRENT_TIMESTAMP, 13, TRUE, 'E1', 'it''s broken', 3, 'beef', 2, '1.2.3', 'v7', 'box', CURRENT_USER)`,
    );
    expect(sql.finish(table, done)).toBe(
      `UPDATE "mig_log" SET "finished_at" = CURRENT_TIMESTAMP, "duration_ms" = 13, "success" = TRUE, "error_code" = 'E1', "error_message" = 'it''s broken', "statements_done" = 3, "statements_checksum" = 'beef' WHERE "id" = (SELECT "id" FROM "mig_log" WHERE "revision" = 'a1' AND "direction" = 'up' AND "started_at" = '2026-01-02T03:04:05.678Z' AND "finished_at" IS NULL ORDER BY "id" DESC LIMIT 1)`,
    );
  });

  // Online only (offline output opens no rows): the newest match, found from the end of the key.
  it("finishes with ORDER BY and LIMIT where the dialect asks", () => {
    class Limited extends RecordingDialect {
      protected override logColumnTypes() {
        return { ...super.logColumnTypes(), finishNewest: "limit" as const };
      }
    }
    expect(new Limited().logTable.finish(table, row)).toBe(
      `UPDATE "mig_log" SET "finished_at" = NULL, "duration_ms" = NULL, "success" = FALSE, "error_code" = NULL, "error_message" = NULL, "statements_done" = NULL, "statements_checksum" = NULL WHERE "revision" = 'a1' AND "direction" = 'up' AND "started_at" = '2026-01-02T03:04:05.678Z' AND "finished_at" IS NULL ORDER BY "id" DESC LIMIT 1`,
    );
  });

  it("gives a run's statements the same text", () => {
    const run = sql.forRun?.(table, { migVersion: "1.2.3", tag: "v7", host: "box" });
    expect(run?.insert(done)).toBe(sql.insert(table, done));
    expect(run?.finish(done)).toBe(sql.finish(table, done));
  });

  it("writes an offline step's row from its own values as `insert` writes it", () => {
    for (const tag of [null, "v7"]) {
      const run = sql.forRun?.(table, { migVersion: "1.2.3", tag, host: "o'host" });
      for (const [revision, direction, checksum, statementsDone] of [
        ["a1", "up", "c0ffee", 3],
        ["it's", "down", "c0ffee", 0],
        ["s1", "stamp", null, 0],
      ] as const) {
        const offline = {
          ...row,
          revision,
          direction,
          checksum,
          startedAt: "now" as const,
          finishedAt: "now" as const,
          success: true,
          statementsDone,
        };
        expect(run?.insertDone?.(revision, direction, checksum, statementsDone)).toBe(
          run?.insert(offline),
        );
      }
    }
  });

  // Bound (SQLite, which parses it again after each step's DDL): the columns a successful
  // row leaves NULL are left out, its own values bound in order.
  it("binds a successful row's values, leaving out the NULL columns", () => {
    const run = sql.forRun?.(table, { migVersion: "1.2.3", tag: null, host: "box" });
    const ok = { ...done, errorCode: null, errorMessage: null, statementsChecksum: null };
    expect(run?.insertBound?.sql).toBe(
      `INSERT INTO "mig_log" ("revision", "direction", "checksum", "started_at", "finished_at", "duration_ms", "success", "statements_done", "resumed_from", "mig_version", "host", "db_user") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '1.2.3', 'box', CURRENT_USER)`,
    );
    expect(run?.insertBound?.params(ok)).toEqual([
      "a1",
      "up",
      "c0ffee",
      row.startedAt,
      "now",
      13,
      true,
      3,
      2,
    ]);
    const tagged = sql.forRun?.(table, { migVersion: "1.2.3", tag: "v7", host: "box" });
    expect(tagged?.insertBound?.sql).toContain(
      `"mig_version", "tag", "host", "db_user") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '1.2.3', 'v7', 'box', CURRENT_USER)`,
    );
  });
});
