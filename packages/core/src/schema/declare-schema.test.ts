import { describe, expect, test } from "vitest";
import { t } from "../operations/column-type.js";
import { sql } from "../operations/sql-expression.js";
import { defineSchema, isDeclaredTable, schemaFromModule, table } from "./declare-schema.js";

const users = table(
  "users",
  {
    id: { type: "integer", primaryKey: true, identity: "always" },
    full_name: { type: t.varchar(100), nullable: false, renamedFrom: "name" },
    email: { type: "text", collation: "C", unique: true },
    total: { type: "integer", generated: { expression: "id * 2", stored: true } },
  },
  {
    renamedFrom: "people",
    indexes: [
      {
        name: "ix_users_email",
        columns: [{ column: "email", descending: true }, sql("lower(email)")],
        method: "btree",
      },
    ],
  },
);

describe("table()", () => {
  test("builds the same definition op.createTable would, with the new column fields", () => {
    const def = users.definition;
    expect(def.table).toEqual({ name: "users" });
    expect(def.primaryKey).toEqual({ columns: ["id"] });
    expect(def.columns[0]).toMatchObject({
      name: "id",
      nullable: false,
      autoincrement: true,
      identity: "always",
    });
    expect(def.columns[2]).toMatchObject({ name: "email", collation: "C" });
    expect(def.columns[3]?.generated).toEqual({ expression: "id * 2", stored: true });
    expect(def.uniques).toEqual([{ name: undefined, columns: ["email"] }]);
    expect(def.indexes[0]?.method).toBe("btree");
  });

  test("declared renames are kept beside the definition, not in it", () => {
    expect(users.renamedFrom).toBe("people");
    expect([...users.columnRenames]).toEqual([["full_name", "name"]]);
    expect(JSON.stringify(users.definition)).not.toContain("renamedFrom");
  });
});

describe("schemas", () => {
  const posts = table(
    { schema: "blog", name: "posts" },
    { id: { type: "bigint", primaryKey: true } },
  );

  test("a module's exported tables are its schema, in export order", () => {
    const schema = schemaFromModule({ users, posts, helper: 3, other: { tables: 1 } });
    expect(schema.tables.map((x) => x.definition.table.name)).toEqual(["users", "posts"]);
  });

  test("a default export wins: a schema or a list of tables", () => {
    expect(schemaFromModule({ default: defineSchema([posts]), users }).tables).toHaveLength(1);
    expect(schemaFromModule({ default: [users], posts }).tables[0]).toBe(users);
  });

  test("the same table twice is an error naming it", () => {
    expect(() => defineSchema([posts, posts])).toThrow(
      "The schema declares table blog.posts twice.",
    );
  });

  test("isDeclaredTable tells tables from anything else", () => {
    expect(isDeclaredTable(users)).toBe(true);
    expect(isDeclaredTable({ definition: users.definition })).toBe(false);
  });

  test("a declaration naming a column its table lacks, or an unknown type, names the table", () => {
    const bad =
      (options: object, columns: object = { id: { type: "integer" } }) =>
      () =>
        defineSchema([table("a", columns as never, options)]);
    expect(bad({ primaryKey: ["nope"] })).toThrow(
      'The schema module\'s table a the primary key names column "nope", which it does not have.',
    );
    expect(
      bad({ indexes: [{ name: "ix", columns: [{ column: "nope", descending: true }] }] }),
    ).toThrow('index "ix" names column "nope"');
    expect(bad({ indexes: [{ name: "ix", columns: [sql("lower(x)")] }] })).not.toThrow();
    expect(bad({}, { id: { type: "varchr" } })).toThrow(
      'column "id": "varchr" is not a mig column type.',
    );
    // One period, and the vocabulary's hint rather than "fix the declaration".
    expect(bad({}, { id: { type: "varchar(20)" } })).toThrow(
      expect.objectContaining({
        message:
          'The schema module\'s table a, column "id": "varchar(20)" is not a mig column type (did you mean t.varchar(20)?).',
        hint: expect.stringContaining("see docs/operations.md"),
      }),
    );
    expect(() =>
      defineSchema([
        users,
        table("b", { u: { type: "integer", references: { table: "users", column: "nope" } } }),
      ]),
    ).toThrow("a foreign key references users.nope, which is not declared");
  });

  test("an enum name declared twice must list the same values (PostgreSQL keeps the first)", () => {
    const b = table("b", { id: { type: "integer" }, s: { type: t.enum("mood", ["a", "b"]) } });
    const same = table("c", { id: { type: "integer" }, s: { type: t.enum("mood", ["a", "b"]) } });
    expect(defineSchema([b, same]).tables).toHaveLength(2);
    const other = table("c", {
      id: { type: "integer" },
      s: { type: t.enum("mood", ["a", "b", "c"]) },
    });
    expect(() => defineSchema([b, other])).toThrow(
      "The schema module declares enum mood twice with different values: (a, b) at b.s, (a, b, c) at c.s.",
    );
    // In another schema it is another type.
    const elsewhere = table(
      { schema: "sales", name: "c" },
      { id: { type: "integer" }, s: { type: t.enum("mood", ["x"]) } },
    );
    expect(defineSchema([b, elsewhere]).tables).toHaveLength(2);
  });
});
