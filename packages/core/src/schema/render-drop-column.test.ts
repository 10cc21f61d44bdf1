import { describe, expect, test } from "vitest";
import { t } from "../operations/column-type.js";
import type { Operation } from "../operations/operation.js";
import { renderOperations } from "./render-operations.js";

const orders = { schema: "sales", name: "orders" };
const state = { name: "state", type: t.enum("state", ["a", "b"]), nullable: true, default: "a" };

describe("a dropped column's existing definition", () => {
  test("is kept for an enum-typed column: it names the type to drop with the column", () => {
    const drop: Operation = { kind: "dropColumn", table: orders, column: "state", existing: state };
    expect(renderOperations([drop])).toEqual([
      'await op.dropColumn({ schema: "sales", name: "orders" }, "state", {',
      '  existing: { name: "state", type: t.enum("state", ["a", "b"]), nullable: true, default: "a" },',
      "});",
    ]);
  });

  test("is kept inside a batch too", () => {
    const batch: Operation = {
      kind: "batch",
      table: orders,
      recreate: "auto",
      operations: [{ kind: "dropColumn", table: orders, column: "state", existing: state }],
    };
    expect(renderOperations([batch]).join("\n")).toContain(
      '  batch.dropColumn("state", {\n    existing: { name: "state", type: t.enum("state", ["a", "b"]), nullable: true, default: "a" },\n  });',
    );
  });

  test("is left out for any other type: the downgrade's addColumn already reverses the drop", () => {
    const existing = { name: "nick", type: t.varchar(40), nullable: true };
    const drop: Operation = {
      kind: "dropColumn",
      table: { name: "users" },
      column: "nick",
      existing,
    };
    expect(renderOperations([drop])).toEqual(['await op.dropColumn("users", "nick");']);
  });
});
