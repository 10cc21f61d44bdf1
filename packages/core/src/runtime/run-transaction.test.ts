import { describe, expect, test } from "vitest";
import { RunTransaction } from "./run-transaction.js";

/** A control that records what it was asked to do; `both` offers the one-round-trip commit. */
function control(both: boolean) {
  const trace: string[] = [];
  return {
    trace,
    begin: async () => void trace.push("BEGIN"),
    commit: async () => void trace.push("COMMIT"),
    rollback: async () => void trace.push("ROLLBACK"),
    ...(both ? { commitAndBegin: async () => void trace.push("COMMIT+BEGIN") } : {}),
  };
}

describe("a commit that opens the next step's transaction", () => {
  test("is one call where the connection can, and the next begin finds it open", async () => {
    const c = control(true);
    const tx = new RunTransaction(c, []);
    await tx.to("begin", []);
    await tx.to("commit", ["1"], true);
    await tx.to("begin", ["1"]);
    await tx.to("commit", ["2"]);
    await tx.finish(["2"]);
    expect(c.trace).toEqual(["BEGIN", "COMMIT+BEGIN", "COMMIT"]);
    expect(tx.committed).toEqual(["2"]);
  });

  test("is two calls, the begin at the next step, where it cannot", async () => {
    const c = control(false);
    const tx = new RunTransaction(c, []);
    await tx.to("begin", []);
    await tx.to("commit", ["1"], true);
    expect(c.trace).toEqual(["BEGIN", "COMMIT"]);
    await tx.to("begin", ["1"]);
    expect(c.trace).toEqual(["BEGIN", "COMMIT", "BEGIN"]);
  });

  test("a failure in the next step rolls back only that step", async () => {
    const c = control(true);
    const tx = new RunTransaction(c, ["0"]);
    await tx.to("begin", ["0"]);
    await tx.to("commit", ["1"], true);
    await tx.to("begin", ["1"]);
    await tx.abandon();
    expect(c.trace).toEqual(["BEGIN", "COMMIT+BEGIN", "ROLLBACK"]);
    expect(tx.committed).toEqual(["1"]);
    // Nothing is left open: the end of the run commits nothing more.
    await tx.finish(["1"]);
    expect(c.trace).toHaveLength(3);
  });

  test("an interruption between steps rolls back the transaction opened ahead", async () => {
    const c = control(true);
    const tx = new RunTransaction(c, []);
    await tx.to("begin", []);
    await tx.to("commit", ["1"], true);
    await tx.abandon();
    expect(c.trace).toEqual(["BEGIN", "COMMIT+BEGIN", "ROLLBACK"]);
    expect(tx.committed).toEqual(["1"]);
  });

  test("a failing combined commit keeps the earlier rows and rolls back", async () => {
    const c = control(true);
    const tx = new RunTransaction(
      {
        ...c,
        commitAndBegin: async () => {
          throw new Error("commit failed");
        },
      },
      ["0"],
    );
    await tx.to("begin", ["0"]);
    await expect(tx.to("commit", ["1"], true)).rejects.toThrow("commit failed");
    await tx.abandon();
    expect(c.trace).toEqual(["BEGIN", "ROLLBACK"]);
    expect(tx.committed).toEqual(["0"]);
  });
});
