import { describe, expect, test } from "vitest";
import { table } from "../schema/declare-schema.js";
import { addColumnOperations, alterColumnOperation, BatchOperations } from "./batch-operations.js";
import { createIndexOperation, tableDefinition } from "./operation-specs.js";

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

  test("a flag given a string or a number is refused, not read as true", () => {
    // `nullable: "no"` made the column nullable, and `mig check` agreed.
    const says = `table post, column title: 'nullable' must be true or false, not "no".`;
    expect(() => table("post", { title: { type: "text", nullable: "no" } as never })).toThrow(says);
    expect(() =>
      tableDefinition("post", { title: { type: "text", nullable: "no" } as never }),
    ).toThrow(says);
    expect(() => table("t", { id: { type: "integer", primaryKey: 1 } as never })).toThrow(
      "table t, column id: 'primaryKey' must be true or false, not 1.",
    );
    expect(() => alterColumnOperation({ name: "t" }, "a", { nullable: "false" } as never)).toThrow(
      `alterColumn t.a: 'nullable' must be true or false, not "false".`,
    );
    // `unique` also takes a constraint's name.
    expect(() => table("t", { a: { type: "text", unique: "t_a_key" } })).not.toThrow();
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

// The objects inside the options are checked too: a typo there was just as silent.
describe("unknown options inside specs, and in the other operations' options", () => {
  test("a column's references, and a table's keys, constraints and indexes", () => {
    const col = { type: "integer", references: { table: "a", column: "id", ondelete: "cascade" } };
    expect(() => tableDefinition("b", { a_id: col as never })).toThrow(
      "table b, column a_id, references: unknown option 'ondelete' (did you mean 'onDelete'?).",
    );
    const cases: Array<[object, string]> = [
      [
        {
          foreignKeys: [
            { columns: ["a"], references: "x", referencedColumns: ["id"], onDelet: "x" },
          ],
        },
        "table t, foreignKeys[0]: unknown option 'onDelet' (did you mean 'onDelete'?).",
      ],
      [
        {
          indexes: [
            { name: "i", columns: ["a"] },
            { name: "j", columns: ["a"], uniqe: true },
          ],
        },
        "table t, indexes[1]: unknown option 'uniqe' (did you mean 'unique'?).",
      ],
      [
        { uniques: [{ columns: ["a"], nullsNotDistinc: true }] },
        "table t, uniques[0]: unknown option 'nullsNotDistinc' (did you mean 'nullsNotDistinct'?).",
      ],
      [
        { checks: [{ expresion: "a > 0" }] },
        "table t, checks[0]: unknown option 'expresion' (did you mean 'expression'?).",
      ],
      [
        { primaryKey: { column: ["a"] } },
        "table t, primaryKey: unknown option 'column' (did you mean 'columns'?).",
      ],
    ];
    for (const [options, says] of cases)
      expect(() => tableDefinition("t", { a: { type: "integer" } }, options as never)).toThrow(
        says,
      );
  });

  test("createIndex, alterColumn, createForeignKey and createUniqueConstraint options", () => {
    expect(() => createIndexOperation("i", { name: "t" }, ["a"], { uniqe: true } as never)).toThrow(
      "createIndex i: unknown option 'uniqe' (did you mean 'unique'?).",
    );
    expect(() => alterColumnOperation({ name: "t" }, "a", { nulable: true } as never)).toThrow(
      "alterColumn t.a: unknown option 'nulable' (did you mean 'nullable'?).",
    );
    const batch = new BatchOperations({ name: "t" });
    expect(() =>
      batch.createForeignKey("fk", "u", ["a"], ["id"], { deferable: "deferred" } as never),
    ).toThrow("createForeignKey fk: unknown option 'deferable' (did you mean 'deferrable'?).");
    expect(() =>
      batch.createUniqueConstraint("uq", ["a"], { nullsNotdistinct: true } as never),
    ).toThrow(
      "createUniqueConstraint uq: unknown option 'nullsNotdistinct' (did you mean 'nullsNotDistinct'?).",
    );
    expect(() => batch.createIndex("bi", ["a"], { method: "gin" } as never)).toThrow(
      "batch createIndex bi: unknown option 'method'.",
    );
  });

  test("every documented nested key passes", () => {
    expect(() =>
      tableDefinition(
        "t",
        {
          a: {
            type: "integer",
            references: {
              table: "u",
              column: "id",
              name: "fk",
              onDelete: "cascade",
              onUpdate: "restrict",
            },
          },
        },
        {
          primaryKey: { name: "pk", columns: ["a"] },
          foreignKeys: [
            {
              name: "f",
              columns: ["a"],
              references: "u",
              referencedColumns: ["id"],
              onDelete: "cascade",
              onUpdate: "cascade",
              deferrable: "deferred",
            },
          ],
          uniques: [["a"], { name: "u", columns: ["a"], nullsNotDistinct: true }],
          checks: ["a > 0", { name: "c", expression: "a > 0" }],
          indexes: [
            {
              name: "i",
              columns: ["a"],
              unique: true,
              where: "a > 0",
              method: "btree",
              include: [],
              nullsNotDistinct: true,
            },
          ],
        },
      ),
    ).not.toThrow();
    expect(() =>
      alterColumnOperation({ name: "t" }, "a", {
        type: "text",
        using: "a::text",
        nullable: true,
        default: null,
        newName: "b",
        comment: null,
      }),
    ).not.toThrow();
  });
});

// `name: "text"` is a shorthand some tools take; mig's columns are objects of options.
describe("a column that is not an object", () => {
  test("a type given as a string names the column and the object to write", () => {
    expect(() => tableDefinition("account", { name: "text" } as never)).toThrow(
      expect.objectContaining({
        code: "invalid_option",
        usage: true,
        message: "table account, column name: a column is an object of options, not a string.",
        hint: 'Write it as { type: "text" }, with nullable, default, ... beside type.',
      }),
    );
    expect(() => table("account", { id: true } as never)).toThrow(
      "table account, column id: a column is an object of options, not a boolean.",
    );
  });

  test("in a list of columns, in addColumn, and columns that are not an object at all", () => {
    expect(() => tableDefinition("t", ["id"] as never)).toThrow(
      "table t, column [0]: a column is an object of options, not a string.",
    );
    expect(() => addColumnOperations({ name: "t" }, "c", "text" as never)).toThrow(
      "addColumn t.c: a column is an object of options, not a string.",
    );
    expect(() => tableDefinition("t", undefined as never)).toThrow(
      "table t: its columns are an object of columns by name, not undefined.",
    );
  });

  test("a table needs a name, in createTable and in table()", () => {
    expect(() => tableDefinition("", {})).toThrow(
      expect.objectContaining({
        code: "invalid_option",
        message: "op.createTable() needs a table name; got an empty string.",
        hint: 'Name the table: op.createTable("users", { ... }).',
      }),
    );
    expect(() => table({ name: " " }, {})).toThrow('table() needs a table name; got " ".');
    expect(() => table(undefined as never, {})).toThrow(
      "table() needs a table name; got undefined.",
    );
  });

  test("a column needs a name: by key, in a list, and in addColumn", () => {
    expect(() => table("t", { "": { type: "integer" } })).toThrow(
      expect.objectContaining({
        code: "invalid_option",
        usage: true,
        message: 'table t, column "" needs a column name; got an empty string.',
      }),
    );
    expect(() => tableDefinition("t", { " ": { type: "integer" } })).toThrow(
      'table t, column " " needs a column name; got " ".',
    );
    expect(() => tableDefinition("t", [{ type: "integer" }] as never)).toThrow(
      "table t, column [0] needs a column name; got undefined.",
    );
    expect(() => addColumnOperations({ name: "t" }, "", { type: "text" })).toThrow(
      expect.objectContaining({
        message: "addColumn t needs a column name; got an empty string.",
        hint: 'Name the column: op.addColumn("users", "email", { type: "text" }).',
      }),
    );
    expect(() =>
      addColumnOperations({ name: "t" }, { name: "x" } as never, { type: "text" }),
    ).toThrow("addColumn t needs a column name; got an object.");
    // Renamed to nothing: SQLite took it, and autogenerate then wrote addColumn("t", "").
    expect(() => alterColumnOperation({ name: "t" }, "c", { newName: " " })).toThrow(
      'alterColumn t.c, newName needs a column name; got " ".',
    );
  });
});
