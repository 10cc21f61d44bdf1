import { describe, expect, test } from "vitest";
import { offlineOp } from "../../test/offline-op.js";
import { RecordingDialect, RenderingDialect } from "../../test/test-dialect.js";
import type { Operations } from "./operations.js";

const offline = (dialect: RecordingDialect = new RenderingDialect()) => offlineOp(dialect);

describe("offline calls written in the script's turn", () => {
  test("a call is written before it returns, where the dialect renders without awaiting", () => {
    const { op, text } = offline();
    void op.execute("SELECT 1");
    expect(text()).toBe("SELECT 1;\n\n");
    // A dialect without offlineStatements writes it a turn later.
    const queued = offline(new RecordingDialect());
    void queued.op.execute("SELECT 1");
    expect(queued.text()).toBe("");
  });

  test("calls after a queued one wait for it: the output is the queued calls' output", async () => {
    const script = async (op: Operations) => {
      op.createTable("t", { id: { type: "integer", primaryKey: true }, x: { type: "text" } });
      op.execute("SELECT 1");
      op.batchAlterTable("t", async (batch) => {
        await op.execute("SELECT 2");
        batch.dropColumn("x");
      });
      op.execute("SELECT 3");
      op.batchAlterTable("t", (batch) => batch.addColumn("y", { type: "text" }));
      op.execute("SELECT 4");
      await op.flush();
      await op.execute("SELECT 5");
      await op.flush();
    };
    const now = offline();
    const queued = offline(new RecordingDialect());
    await script(now.op);
    await script(queued.op);
    expect(now.statements().map((s) => s.split(/\s/).slice(0, 2).join(" "))).toEqual([
      "CREATE TABLE",
      "SELECT 1",
      "SELECT 2",
      "SELECT 3",
      "ALTER TABLE",
      "SELECT 4",
      "ALTER TABLE",
      "SELECT 5",
    ]);
    expect(now.text()).toBe(queued.text());
  });

  test("a failing call: later calls do not run, flush rethrows it once, nothing is unhandled", async () => {
    const unhandled: unknown[] = [];
    const listen = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", listen);
    try {
      const { op, dialect, text } = offline();
      op.execute("FAIL");
      op.execute("SELECT 1");
      op.dropTable("missing");
      await expect(op.flush()).rejects.toThrow("boom");
      expect(dialect.seen.map((o) => o.kind)).toEqual(["execute"]);
      expect(text()).toBe("");
      await op.execute("SELECT 2");
      await op.flush();
      expect(text()).toBe("SELECT 2;\n\n");
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      process.off("unhandledRejection", listen);
    }
    expect(unhandled).toEqual([]);
  });

  test("an awaited failing call rejects with the dialect's error", async () => {
    const { op } = offline();
    await expect(op.dropTable("missing")).rejects.toThrow("no table");
    await expect(op.flush()).rejects.toThrow("no table");
    await op.flush();
  });
});
