import { describe, expect, test } from "vitest";
import type { Dialect } from "../dialect/dialect.js";
import { OfflineExecutor } from "./offline-executor.js";

/** An offline executor over a dialect with (or without) a transaction frame, and its text. */
function offline(framed: boolean) {
  const dialect = {
    beginSql: "BEGIN",
    commitSql: "COMMIT",
    ...(framed ? { offlineTransactionFrame: { before: "SET f = 0", after: "SET f = 1" } } : {}),
  } as unknown as Dialect;
  let text = "";
  const exec = new OfflineExecutor(dialect, (t) => {
    text += t;
  });
  return { exec, text: () => text.trim().split(";\n\n") };
}

describe("offline transaction frame", () => {
  test("frames a run of transactions once: nothing between a COMMIT and the next BEGIN", async () => {
    const { exec, text } = offline(true);
    await exec.begin();
    await exec.execute("A");
    await exec.commit();
    exec.beginNow();
    await exec.execute("B");
    exec.commitNow();
    exec.end();
    expect(text()).toEqual([
      "SET f = 0",
      "BEGIN",
      "A",
      "COMMIT",
      "BEGIN",
      "B",
      "COMMIT",
      "SET f = 1;",
    ]);
  });

  test("restores the setting before anything written outside a transaction", async () => {
    const { exec, text } = offline(true);
    await exec.begin();
    await exec.execute("A");
    await exec.commit();
    exec.comment("no transaction");
    await exec.execute("C");
    await exec.begin();
    await exec.execute("D");
    await exec.commit();
    exec.end();
    expect(text()).toEqual([
      "SET f = 0",
      "BEGIN",
      "A",
      "COMMIT",
      "SET f = 1",
      "-- no transaction\n\nC",
      "SET f = 0",
      "BEGIN",
      "D",
      "COMMIT",
      "SET f = 1;",
    ]);
  });

  test("writes only BEGIN and COMMIT where the dialect has no frame", async () => {
    const { exec, text } = offline(false);
    await exec.begin();
    await exec.execute("A");
    await exec.commit();
    await exec.begin();
    exec.executeOwnNow("B");
    await exec.commit();
    exec.end();
    expect(text()).toEqual(["BEGIN", "A", "COMMIT", "BEGIN", "B", "COMMIT;"]);
  });

  test("leaves out a transaction with nothing in it, and its frame", async () => {
    const { exec, text } = offline(true);
    await exec.begin();
    await exec.commit();
    exec.comment("outside");
    await exec.begin();
    await exec.commit();
    exec.end();
    expect(text()).toEqual(["-- outside"]);
    const plain = offline(false);
    await plain.exec.begin();
    expect(plain.exec.inTransaction).toBe(true);
    await plain.exec.commit();
    expect(plain.exec.inTransaction).toBe(false);
    plain.exec.end();
    expect(plain.text()).toEqual([""]);
  });
});
