import { describe, expect, test } from "vitest";
import { RunTransaction } from "./run-transaction.js";
import { TransactionPlan, type TransactionSettings } from "./transaction-plan.js";

const T = true;
const F = false;

/**
 * Walks a run as the runner does: steps are numbered from 1, step n moves the version
 * rows to [`n`], and step `failAt` throws after its statements.
 */
async function walk(settings: TransactionSettings, transactional: boolean[], failAt?: number) {
  const trace: string[] = [];
  const tx = new RunTransaction(
    {
      begin: async () => void trace.push("BEGIN"),
      commit: async () => void trace.push("COMMIT"),
      rollback: async () => void trace.push("ROLLBACK"),
    },
    ["0"],
  );
  const plan = new TransactionPlan(settings);
  let rows = ["0"];
  await tx.to(plan.start(transactional.length), rows);
  for (const [index, flag] of transactional.entries()) {
    const around = plan.step(flag);
    await tx.to(around.before, rows);
    trace.push(String(index + 1));
    if (index + 1 === failAt) {
      await tx.abandon();
      return { trace, committed: tx.committed, rolledBack: around.rollsBack };
    }
    rows = [String(index + 1)];
    if (around.autocommit) tx.settled(rows);
    await tx.to(around.after, rows);
  }
  await tx.finish(rows);
  return { trace, committed: tx.committed, rolledBack: false };
}

const perMigration = { transactionalDDL: true, transactionPerMigration: true };
const wholeRun = { transactionalDDL: true, transactionPerMigration: false };
const noDdlPerMigration = { transactionalDDL: false, transactionPerMigration: true };
const noDdlWholeRun = { transactionalDDL: false, transactionPerMigration: false };

describe("when a run begins and commits", () => {
  test.each([
    ["one per migration", perMigration, [T, T], "BEGIN 1 COMMIT BEGIN 2 COMMIT"],
    [
      "one per migration, none around a non-transactional script",
      perMigration,
      [T, F, T],
      "BEGIN 1 COMMIT 2 BEGIN 3 COMMIT",
    ],
    ["whole run", wholeRun, [T, T, T], "BEGIN 1 2 3 COMMIT"],
    [
      "whole run, split around a non-transactional script",
      wholeRun,
      [T, F, T],
      "BEGIN 1 COMMIT 2 BEGIN 3 COMMIT",
    ],
    [
      "whole run starting and ending non-transactional",
      wholeRun,
      [F],
      "BEGIN COMMIT 1 BEGIN COMMIT",
    ],
    ["whole run with nothing to do", wholeRun, [], ""],
    [
      "no transactional DDL: per migration",
      noDdlPerMigration,
      [T, T],
      "BEGIN 1 COMMIT BEGIN 2 COMMIT",
    ],
    [
      "no transactional DDL: whole run falls back to per migration",
      noDdlWholeRun,
      [T, T],
      "BEGIN 1 COMMIT BEGIN 2 COMMIT",
    ],
    ["no transactional DDL, non-transactional script", noDdlWholeRun, [F, T], "1 BEGIN 2 COMMIT"],
  ])("%s", async (_name, settings, flags, expected) => {
    const { trace, committed } = await walk(settings, flags);
    expect(trace.join(" ")).toBe(expected);
    expect(committed).toEqual(flags.length === 0 ? ["0"] : [String(flags.length)]);
  });
});

describe("where a failure leaves the version table", () => {
  test.each([
    [
      "per migration: the steps before it stay",
      perMigration,
      [T, T, T],
      3,
      "BEGIN 1 COMMIT BEGIN 2 COMMIT BEGIN 3 ROLLBACK",
      ["2"],
      true,
    ],
    ["whole run: nothing stays", wholeRun, [T, T, T], 3, "BEGIN 1 2 3 ROLLBACK", ["0"], true],
    [
      "whole run: a non-transactional script's update stays",
      wholeRun,
      [T, F, T],
      3,
      "BEGIN 1 COMMIT 2 BEGIN 3 ROLLBACK",
      ["2"],
      true,
    ],
    [
      "a failing non-transactional script keeps what it ran",
      wholeRun,
      [T, F],
      2,
      "BEGIN 1 COMMIT 2",
      ["1"],
      false,
    ],
    [
      "no transactional DDL: the DDL stays",
      noDdlPerMigration,
      [T, T],
      2,
      "BEGIN 1 COMMIT BEGIN 2 ROLLBACK",
      ["1"],
      false,
    ],
  ])("%s", async (_name, settings, flags, failAt, expected, rows, rolledBack) => {
    const result = await walk(settings, flags, failAt);
    expect(result.trace.join(" ")).toBe(expected);
    expect(result.committed).toEqual(rows);
    expect(result.rolledBack).toBe(rolledBack);
  });
});
