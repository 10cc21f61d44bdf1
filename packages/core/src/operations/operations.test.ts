import { describe, expect, test } from "vitest";
import { offlineOp } from "../../test/offline-op.js";
import { isMigError } from "../errors/mig-error.js";
import type { Operations } from "./operations.js";
import { sql } from "./sql-expression.js";

const offline = () => offlineOp();

describe("Operations", () => {
  test("calls run in call order whether or not they are awaited", async () => {
    const { op, text } = offline();
    op.createTable("a", { id: { type: "integer", primaryKey: true } });
    op.addColumn("a", "name", { type: "text" });
    await op.execute("UPDATE a SET name = ?", ["x"]);
    op.dropTable("a");
    await op.flush();
    const statements = text().split(";\n\n").filter(Boolean);
    expect(statements.map((s) => s.split(/\s/).slice(0, 2).join(" "))).toEqual([
      "CREATE TABLE",
      "ALTER TABLE",
      "UPDATE a",
      "DROP TABLE",
    ]);
    expect(text()).toContain("UPDATE a SET name = 'x'");
  });

  test("a failing call that was not awaited surfaces at flush, and later calls do not run", async () => {
    const { op, dialect, text } = offline();
    op.execute("FAIL");
    op.execute("SELECT 1");
    await expect(op.flush()).rejects.toThrow("boom");
    expect(dialect.seen.map((o) => o.kind)).toEqual(["execute"]);
    expect(text()).toBe("");
    // The next migration starts clean.
    await op.execute("SELECT 2");
    await op.flush();
    expect(text()).toContain("SELECT 2");
  });

  test("no un-awaited failure is left unhandled, whatever the operation", async () => {
    const unhandled: unknown[] = [];
    const listen = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", listen);
    try {
      const calls: ((op: Operations) => unknown)[] = [
        (op) => op.addColumn("missing", "x", { type: "integer", unique: true }),
        (op) => op.createForeignKey("fk", "missing", "b", ["x"], ["id"]),
        (op) => op.batchAlterTable("missing", (b) => b.dropColumn("x")),
        (op) =>
          op.batchAlterTable("t", () => {
            throw new Error("build threw");
          }),
        (op) => op.execute("FAIL"),
        // An async build queues its batch when it finishes, so "after" may run first.
        (op) => op.batchAlterTable("t", async () => Promise.reject(new Error("async build"))),
      ];
      for (const [i, call] of calls.entries()) {
        const { op, dialect } = offline();
        call(op);
        op.createTable("after", { id: { type: "integer" } });
        await expect(op.flush()).rejects.toThrow(/no table|build threw|async build|boom/);
        if (i < calls.length - 1)
          expect(dialect.seen.map((o) => o.kind)).not.toContain("createTable");
        await expect(op.flush()).resolves.toBeUndefined();
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", listen);
    }
  });

  test("settle waits for pending calls and forgets their failure", async () => {
    const { op } = offline();
    op.execute("FAIL");
    await op.settle();
    await expect(op.flush()).resolves.toBeUndefined();
  });

  test("query is refused offline with a clear error", async () => {
    const { op } = offline();
    const error = await op.query("SELECT 1").catch((e: unknown) => e);
    expect(isMigError(error) && error.code).toBe("offline_query");
  });

  test("offline, a batch sees the table the run defined and changed earlier", async () => {
    const { op, dialect } = offline();
    op.createTable("t", { id: { type: "integer", primaryKey: true }, v: { type: "text" } });
    op.addColumn("t", "w", { type: "integer", default: 0 });
    op.renameTable("t", "u");
    await op.batchAlterTable("u", (b) => b.dropColumn("v"));
    await op.batchAlterTable("other", (b) => b.dropColumn("v"));
    await op.flush();
    const known = dialect.known.get("u") as { columns: { name: string }[] };
    expect(known.columns.map((c) => c.name)).toEqual(["id", "v", "w"]);
    expect(dialect.known.get("other")).toBeUndefined();
  });

  test("addColumn with unique and references adds named constraints after the column", async () => {
    const { op, dialect } = offline();
    await op.addColumn("post", "author_id", {
      type: "integer",
      unique: true,
      references: { table: "account", column: "id", onDelete: "cascade" },
    });
    expect(dialect.seen.map((o) => o.kind)).toEqual([
      "addColumn",
      "createUniqueConstraint",
      "createForeignKey",
    ]);
    const fk = dialect.seen[2];
    expect(fk?.kind === "createForeignKey" && fk.constraint.name).toBe("post_author_id_fkey");
  });

  test("createTable takes columns as an object or a list, and primary keys imply NOT NULL", async () => {
    const { op, dialect } = offline();
    await op.createTable(
      "t",
      [
        { name: "1", type: "integer", primaryKey: true },
        { name: "b", type: "text", default: sql("'x' || 'y'") },
      ],
      { comment: "numbers" },
    );
    const create = dialect.seen[0];
    expect(create?.kind === "createTable" && create.definition.columns).toEqual([
      expect.objectContaining({ name: "1", nullable: false }),
      expect.objectContaining({ name: "b", nullable: true }),
    ]);
  });
});
