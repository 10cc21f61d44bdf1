import { describe, expect, test } from "vitest";
import { table } from "../schema/declare-schema.js";
import { addColumnOperations } from "./batch-operations.js";
import { tableDefinition } from "./operation-specs.js";

// A misspelt option is refused with the closest known one, never ignored.
describe("unknown options in column specs and table options", () => {
  test("a column spec's typo names the table, the column and the fix", () => {
    expect(() =>
      tableDefinition("account", { email: { type: "text", nulable: false } as never }),
    ).toThrow(
      expect.objectContaining({
        code: "invalid_option",
        usage: true,
        message:
          "table account, column email: unknown option 'nulable' (did you mean 'nullable'?).",
        hint: expect.stringContaining("Known options: type, nullable, primaryKey"),
      }),
    );
  });

  test("a table option's typo, in createTable and in a schema module's table()", () => {
    const options = { withoutrowid: true } as never;
    const says = "table kv: unknown option 'withoutrowid' (did you mean 'withoutRowid'?).";
    expect(() => tableDefinition("kv", {}, options)).toThrow(says);
    expect(() => table("kv", {}, options)).toThrow(says);
  });

  test("a key far from every known one gets no guess", () => {
    expect(() => tableDefinition("t", {}, { engine: "InnoDB" } as never)).toThrow(
      "table t: unknown option 'engine'.",
    );
  });

  test("addColumn checks its spec too", () => {
    expect(() =>
      addColumnOperations({ name: "t" }, "c", { type: "text", defualt: "x" } as never),
    ).toThrow("addColumn t.c: unknown option 'defualt' (did you mean 'default'?).");
  });

  test("every documented key, a list form's name and a schema module's renamedFrom pass", () => {
    expect(() =>
      table(
        "t",
        [{ name: "id", type: "integer", primaryKey: true, renamedFrom: "old_id", comment: "x" }],
        { comment: "c", renamedFrom: "old_t", indexes: [], checks: [], uniques: [] },
      ),
    ).not.toThrow();
  });
});
