import { type ConstraintDefinition, type Operation, reverseOperation, sql } from "@mig/core";
import { beforeEach, describe, expect, it } from "vitest";
import { table, useHarness } from "./operations-harness.js";

const h = useHarness("cons");

beforeEach(async () => {
  await h().op.execute("CREATE TABLE owners (id INT PRIMARY KEY, code INT NOT NULL)");
  await h().op.execute(
    "CREATE TABLE pets (id INT NOT NULL, owner_id INT, owner_code INT, name VARCHAR(20), legs INT)",
  );
  await h().op.flush();
});

const pets = table("pets");
const tableOf = (after: { tables: readonly { name: string }[] }, name = "pets") =>
  after.tables.find((x) => x.name === name) as never as {
    indexes: unknown[];
    uniques: unknown[];
    foreignKeys: unknown[];
    checks: unknown[];
    primaryKey: unknown;
  };

describe("indexes", () => {
  it("creates a unique multi-column index (listed with the uniques) and drops it", async () => {
    const op: Operation = {
      kind: "createIndex",
      table: pets,
      index: { name: "pets_owner_name", columns: ["owner_id", "name"], unique: true },
    };
    await h().roundTrip(op, (after) =>
      expect(tableOf(after).uniques).toEqual([
        { name: "pets_owner_name", columns: ["owner_id", "name"] },
      ]),
    );
  });

  it("creates a plain index, ignoring concurrently, and drops it given its definition", async () => {
    const index = { name: "pets_name", columns: ["name", "legs"] };
    await h().roundTrip({ kind: "createIndex", table: pets, index, concurrently: true }, (after) =>
      expect(tableOf(after).indexes).toMatchObject([
        { ...index, unique: false, where: null, method: null },
      ]),
    );
    await h().run({ kind: "createIndex", table: pets, index });
    await h().roundTrip(
      { kind: "dropIndex", name: "pets_name", table: pets, existing: index },
      (after) => expect(tableOf(after).indexes).toEqual([]),
    );
  });

  it("refuses partial and expression indexes, and dropIndex without a table", async () => {
    const where: Operation = {
      kind: "createIndex",
      table: pets,
      index: { name: "p", columns: ["legs"], where: "legs > 2" },
    };
    const expression: Operation = {
      kind: "createIndex",
      table: pets,
      index: { name: "e", columns: [sql("lower(name)")] },
    };
    await expect(h().run(where)).rejects.toMatchObject({ code: "mysql_partial_index_unsupported" });
    await expect(h().run(expression)).rejects.toMatchObject({
      code: "mysql_expression_index_unsupported",
    });
    await expect(h().run({ kind: "dropIndex", name: "p" })).rejects.toMatchObject({
      code: "mysql_drop_index_needs_table",
      hint: expect.stringContaining("table"),
    });
  });
});

describe("constraints", () => {
  const fk: ConstraintDefinition = {
    type: "foreign",
    name: "pets_owner_fk",
    columns: ["owner_id"],
    references: table("owners"),
    referencedColumns: ["id"],
    onDelete: "set null",
    onUpdate: "cascade",
  };

  it("creates a primary key and drops it", async () => {
    await h().roundTrip(
      { kind: "createPrimaryKey", table: pets, constraint: { name: "pets_pkey", columns: ["id"] } },
      (after) => expect(tableOf(after).primaryKey).toEqual({ name: null, columns: ["id"] }),
    );
  });

  it("creates a foreign key, and its drop takes the index MySQL made for it", async () => {
    const { type: _, ...constraint } = fk;
    await h().roundTrip({ kind: "createForeignKey", table: pets, constraint }, (after) => {
      expect(tableOf(after).foreignKeys).toEqual([
        {
          name: "pets_owner_fk",
          columns: ["owner_id"],
          referencedTable: "owners",
          referencedColumns: ["id"],
          onDelete: "set null",
          onUpdate: "cascade",
        },
      ]);
      expect(tableOf(after).indexes).toEqual([]);
    });
  });

  it("leaves a user's index alone when a foreign key used it", async () => {
    await h().run({
      kind: "createIndex",
      table: pets,
      index: { name: "pets_owner_idx", columns: ["owner_id", "name"] },
    });
    const { type: _, ...constraint } = fk;
    await h().roundTrip({ kind: "createForeignKey", table: pets, constraint }, (after) =>
      expect(tableOf(after).indexes).toHaveLength(1),
    );
  });

  it("creates a unique constraint and a check constraint", async () => {
    await h().roundTrip(
      {
        kind: "createUniqueConstraint",
        table: pets,
        constraint: { name: "pets_u", columns: ["name"] },
      },
      (after) => expect(tableOf(after).uniques).toEqual([{ name: "pets_u", columns: ["name"] }]),
    );
    await h().roundTrip(
      {
        kind: "createCheckConstraint",
        table: pets,
        constraint: { name: "pets_legs", expression: "legs >= 0" },
      },
      (after) =>
        expect(tableOf(after).checks).toEqual([{ name: "pets_legs", expression: "`legs` >= 0" }]),
    );
  });

  const kinds: ConstraintDefinition[] = [
    fk,
    { type: "unique", name: "pets_u", columns: ["name", "legs"] },
    { type: "check", name: "pets_legs", expression: "legs >= 0" },
    { type: "primary", name: "PRIMARY", columns: ["id"] },
  ];
  for (const existing of kinds) {
    for (const given of [true, false]) {
      it(`drops a ${existing.type} constraint ${given ? "with" : "without"} its type`, async () => {
        const create: Operation = {
          kind: "dropConstraint",
          table: pets,
          name: existing.name!,
          existing,
        };
        // Built by reversing a drop, so the create is exactly what the drop's reverse runs.
        await h().run(reverseOperation(create)!);
        const drop: Operation = { ...create, type: given ? existing.type : undefined };
        await h().roundTrip(drop, (after, before) => {
          const [a, b] = [tableOf(after), tableOf(before)];
          expect(JSON.stringify(a)).not.toEqual(JSON.stringify(b));
          expect(a.indexes).toEqual([]);
        });
      });
    }
  }

  it("names an unknown constraint plainly when it must look up the type", async () => {
    await expect(
      h().run({ kind: "dropConstraint", table: pets, name: "pets_pkey" }),
    ).rejects.toMatchObject({
      code: "mysql_constraint_not_found",
      hint: expect.stringContaining("primary"),
    });
  });
});
