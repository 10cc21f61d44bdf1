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

  test("no statement ran: this run applied none of it", () => {
    const error = new MigrationFailedError(
      failure({ statement: undefined, outsideTransaction: false, direction: "down" }),
    );
    expect(error.hint).toBe(
      "This database cannot roll back DDL, but ae1027a6acf failed before running any statement: this run applied none of it; the version table still says 1975ea83b712. Fix the script and run again.",
    );
  });
});
