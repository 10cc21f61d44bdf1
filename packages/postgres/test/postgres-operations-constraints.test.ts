import {
  type ConstraintDefinition,
  type Operation,
  reverseOperation,
  sql,
  tableDefinition,
} from "@mig/core";
import { beforeEach, describe, expect, test } from "vitest";
import { useOperationsHarness } from "./operations-harness.js";

const h = useOperationsHarness("ops_constraints");

const account = { name: "account" };
const member = { name: "member" };

beforeEach(async () => {
  await h.op().invoke({
    kind: "createTable",
    definition: tableDefinition("account", {
      id: { type: "integer", nullable: false },
      region: { type: "integer", nullable: false },
      email: { type: "text" },
      deleted_at: { type: "timestamptz" },
    }),
  });
  await h.op().invoke({
    kind: "createTable",
    definition: tableDefinition("member", {
      id: { type: "integer", primaryKey: true },
      account_id: { type: "integer" },
      account_region: { type: "integer" },
      age: { type: "integer" },
    }),
  });
});

describe("indexes", () => {
  test("createIndex: unique over two columns", async () => {
    const index = { name: "account_region_id", columns: ["region", "id"], unique: true };
    await h.roundTrip({ kind: "createIndex", table: account, index }, (after) => {
      expect(after.tables[0]!.indexes).toMatchObject([
        { name: "account_region_id", columns: ["region", "id"], unique: true, where: null },
      ]);
    });
  });

  test("createIndex: an expression and a plain column", async () => {
    const index = { name: "account_email_lower", columns: [sql("lower(email)"), "id"] };
    await h.roundTrip({ kind: "createIndex", table: account, index }, (after) => {
      expect(after.tables[0]!.indexes[0]!.columns).toEqual(["lower(email)", "id"]);
    });
  });

  test("createIndex: partial", async () => {
    const index = { name: "account_live", columns: ["email"], where: "deleted_at IS NULL" };
    await h.roundTrip({ kind: "createIndex", table: account, index }, (after) => {
      expect(after.tables[0]!.indexes[0]).toMatchObject({ where: "deleted_at IS NULL" });
    });
  });

  test("createIndex and dropIndex concurrently, outside a transaction", async () => {
    const index = { name: "account_email", columns: ["email"] };
    const op: Operation = { kind: "createIndex", table: account, index, concurrently: true };
    await h.roundTrip(op, (after) => {
      expect(after.tables[0]!.indexes.map((i) => i.name)).toEqual(["account_email"]);
    });
  });

  test("dropIndex with the index's definition reverses; a schema qualifies the name", async () => {
    const schema = "side";
    await h.connection().execute("CREATE SCHEMA side; CREATE TABLE side.account (email text)");
    const table = { name: "account", schema };
    const index = { name: "account_email", columns: ["email"], unique: true };
    await h.op().invoke({ kind: "createIndex", table, index });
    // public.account has an index of the same name: only side's may go.
    await h.op().invoke({ kind: "createIndex", table: account, index });
    const publicBefore = await h.snapshot();
    await h.roundTrip(
      { kind: "dropIndex", name: "account_email", table, existing: index },
      (after) => expect(after.tables[0]!.indexes).toEqual([]),
      { schema },
    );
    expect(await h.snapshot()).toEqual(publicBefore);
  });
});

describe("constraints", () => {
  test("createPrimaryKey", async () => {
    const op: Operation = {
      kind: "createPrimaryKey",
      table: account,
      constraint: { name: "account_pk", columns: ["region", "id"] },
    };
    await h.roundTrip(op, (after) => {
      expect(after.tables[0]!.primaryKey).toEqual({
        name: "account_pk",
        columns: ["region", "id"],
      });
    });
  });

  test("createUniqueConstraint", async () => {
    const op: Operation = {
      kind: "createUniqueConstraint",
      table: account,
      constraint: { name: "account_uq", columns: ["id", "region"] },
    };
    await h.roundTrip(op, (after) => {
      expect(after.tables[0]!.uniques).toEqual([{ name: "account_uq", columns: ["id", "region"] }]);
      // The index behind it is the constraint's, not a user index.
      expect(after.tables[0]!.indexes).toEqual([]);
    });
  });

  test("createForeignKey with on delete and on update", async () => {
    await h.op().invoke({
      kind: "createUniqueConstraint",
      table: account,
      constraint: { name: "account_uq", columns: ["id", "region"] },
    });
    const op: Operation = {
      kind: "createForeignKey",
      table: member,
      constraint: {
        name: "member_account_fk",
        columns: ["account_id", "account_region"],
        references: account,
        referencedColumns: ["id", "region"],
        onDelete: "set null",
        onUpdate: "restrict",
      },
    };
    await h.roundTrip(op, (after) => {
      expect(after.tables.find((x) => x.name === "member")!.foreignKeys).toEqual([
        {
          name: "member_account_fk",
          columns: ["account_id", "account_region"],
          referencedTable: "account",
          referencedColumns: ["id", "region"],
          onDelete: "set null",
          onUpdate: "restrict",
        },
      ]);
    });
  });

  test("createCheckConstraint is enforced", async () => {
    const op: Operation = {
      kind: "createCheckConstraint",
      table: member,
      constraint: { name: "member_adult", expression: "age >= 18" },
    };
    await h.roundTrip(op, async (after) => {
      expect(after.tables[1]!.checks).toEqual([{ name: "member_adult", expression: "age >= 18" }]);
      await expect(
        h.connection().execute("INSERT INTO member (id, age) VALUES (1, 3)"),
      ).rejects.toThrow(/member_adult/);
    });
  });

  const existing: readonly [string, ConstraintDefinition][] = [
    ["primary", { type: "primary", name: "member_pkey", columns: ["id"] }],
    ["unique", { type: "unique", name: "member_age_key", columns: ["age"] }],
    ["check", { type: "check", name: "member_age_check", expression: "age > 0" }],
    [
      "foreign",
      {
        type: "foreign",
        name: "member_account_fkey",
        columns: ["account_id"],
        references: account,
        referencedColumns: ["id"],
        onDelete: "cascade",
      },
    ],
  ];
  for (const [type, constraint] of existing) {
    test(`dropConstraint of a ${type} constraint, reversed from its definition`, async () => {
      await h.op().invoke({
        kind: "createPrimaryKey",
        table: account,
        constraint: { name: "account_pkey", columns: ["id"] },
      });
      const drop: Operation = {
        kind: "dropConstraint",
        table: member,
        name: constraint.name!,
        existing: constraint,
      };
      // member has its primary key already; the others are made from the drop's reverse.
      if (type !== "primary") await h.op().invoke(reverseOperation(drop)!);
      await h.roundTrip(drop, (after) => {
        const m = after.tables.find((x) => x.name === "member")!;
        const names = [
          m.primaryKey?.name,
          ...m.uniques.map((u) => u.name),
          ...m.checks.map((c) => c.name),
          ...m.foreignKeys.map((f) => f.name),
        ];
        expect(names).not.toContain(constraint.name);
      });
    });
  }
});
