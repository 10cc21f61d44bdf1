import { describe, expect, test } from "vitest";
import type { LogEntry } from "./log-row.js";
import { stoppedSteps } from "./stopped-steps.js";

let id = 100;
const row = (revision: string, over: Partial<LogEntry>): LogEntry => ({
  id: id--,
  revision,
  direction: "up",
  checksum: null,
  startedAt: "2026-01-01T00:00:00.000Z",
  finishedAt: "2026-01-01T00:00:01.000Z",
  durationMs: 1,
  success: true,
  errorCode: null,
  errorMessage: null,
  statementsDone: 0,
  statementsChecksum: null,
  resumedFrom: null,
  migVersion: "0.1.0",
  tag: null,
  host: "h",
  dbUser: null,
  ...over,
});

describe("stoppedSteps", () => {
  test("a revision's latest row decides; failures that kept statements and unfinished rows count", () => {
    const entries = [
      // newest first
      row("a", { direction: "down", success: false, statementsDone: 2, statementsChecksum: "x" }),
      row("b", { success: true }),
      row("b", { success: false, statementsDone: 1, statementsChecksum: "y" }),
      row("c", { finishedAt: null, success: false }),
      row("d", { success: false, statementsDone: 0, statementsChecksum: null }),
      // A retry that failed at its first statement leaves the earlier record standing.
      row("f", { direction: "down", success: false, statementsDone: 0, statementsChecksum: null }),
      row("f", { direction: "down", success: false, statementsDone: 1, statementsChecksum: "z" }),
      row("e", { direction: "stamp", finishedAt: null }),
    ];
    expect(stoppedSteps(entries)).toEqual([
      {
        revision: "a",
        direction: "down",
        statementsDone: 2,
        startedAt: "2026-01-01T00:00:00.000Z",
      },
      {
        revision: "c",
        direction: "up",
        statementsDone: undefined,
        startedAt: "2026-01-01T00:00:00.000Z",
      },
      {
        revision: "f",
        direction: "down",
        statementsDone: 1,
        startedAt: "2026-01-01T00:00:00.000Z",
      },
    ]);
  });
});
