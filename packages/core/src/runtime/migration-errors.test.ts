import { describe, expect, test } from "vitest";
import { MigrationFailedError, type MigrationFailure } from "./migration-errors.js";

const failure = (over: Partial<MigrationFailure>): MigrationFailure => ({
  revision: "ae1027a6acf",
  direction: "up",
  message: "no such table: t",
  statement: "INSERT INTO t VALUES (1)",
  keptStatements: [],
  rows: ["1975ea83b712"],
  rolledBack: false,
  outsideTransaction: true,
  cause: new Error("no such table: t"),
  ...over,
});

describe("what a failure outside a transaction says stays applied", () => {
  test("earlier statements: counted and named, with --resume", () => {
    const error = new MigrationFailedError(
      failure({ keptStatements: ["CREATE TABLE a (id INTEGER)"] }),
    );
    expect(error.hint).toMatch(
      /^ae1027a6acf runs outside a transaction \(transactional = false\): 1 earlier statement\(s\) of ae1027a6acf stay applied \(`CREATE TABLE a \(id INTEGER\)`\); the version table still says 1975ea83b712\. Fix the failing statement and run `mig up --resume`/,
    );
  });

  test("the first statement failed: this run applied none", () => {
    const error = new MigrationFailedError(failure({}));
    expect(error.hint).toBe(
      "ae1027a6acf runs outside a transaction (transactional = false), but ae1027a6acf failed at its first statement: this run applied none of its statements; the version table still says 1975ea83b712. Fix the script and run again.",
    );
    expect(error.hint).not.toMatch(/whatever/);
  });

  test("a batch that failed part way: its first statements stay, and --resume is not offered", () => {
    const batch = new MigrationFailedError(failure({ outsideTransaction: false, batchKept: 2 }));
    expect(batch.hint).toBe(
      "This database cannot roll back DDL: the first 2 statement(s) of the failing batch stay applied; the version table still says 1975ea83b712. Undo them by hand, or make the script re-runnable (`IF NOT EXISTS`), then run again.",
    );
    const both = new MigrationFailedError(
      failure({ keptStatements: ["CREATE TABLE a (id INTEGER)"], batchKept: 1 }),
    );
    expect(both.hint).toContain(
      "1 earlier statement(s) of ae1027a6acf (`CREATE TABLE a (id INTEGER)`) and the first 1 statement(s) of the failing batch stay applied",
    );
    expect(both.hint).not.toContain("--resume");
    // Rolled back: nothing stays, whatever the batch reached.
    const undone = new MigrationFailedError(failure({ rolledBack: true, batchKept: 2 }));
    expect(undone.hint).toBe("The database is at 1975ea83b712. Fix the script and run again.");
  });

  test("no statement ran: this run applied none of it", () => {
    const error = new MigrationFailedError(
      failure({ statement: undefined, outsideTransaction: false, direction: "down" }),
    );
    expect(error.hint).toBe(
      "This database cannot roll back DDL, but ae1027a6acf failed before running any statement: this run applied none of it; the version table still says 1975ea83b712. Fix the script and run again.",
    );
  });
});
