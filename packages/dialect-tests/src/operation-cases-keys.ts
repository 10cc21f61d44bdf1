import { type ConstraintDefinition, type Operation, sql } from "@mig/core";
import { expect } from "vitest";
import type { CaseContext, OperationCase } from "./operation-case.js";
import { tableOf } from "./schema-read.js";

const index =
  (
    name: string,
    table: string,
    columns: Extract<Operation, { kind: "createIndex" }>["index"]["columns"],
    options: { unique?: boolean; where?: string; concurrently?: boolean } = {},
  ) =>
  ({ n }: CaseContext): Operation[] => [
    {
      kind: "createIndex",
      table: { name: n(table) },
      index: { name: n(name), columns, unique: options.unique, where: options.where },
      concurrently: options.concurrently,
    },
  ];

const foundIndex = (c: Parameters<OperationCase["check"]>[0], table: string, name: string) => {
  const found = tableOf(c.after, c.n(table)).indexes.find((i) => i.name === c.n(name));
  expect(found, `index ${c.n(name)}`).toBeDefined();
  return found!;
};

/** The constraints dropConstraint cases drop, created in their setup. */
const constraints = ({ n }: CaseContext) =>
  ({
    primary: { type: "primary", name: n("parent_pkey"), columns: ["id"] },
    foreign: {
      type: "foreign",
      name: n("fk_child_parent"),
      columns: ["parent_id"],
      references: { name: n("parent") },
      referencedColumns: ["id"],
      onDelete: "cascade",
    },
    unique: { type: "unique", name: n("uq_parent_code"), columns: ["code"] },
    check: { type: "check", name: n("ck_child_qty"), expression: "qty >= 0" },
  }) satisfies Record<string, ConstraintDefinition>;

const create = (table: string, c: ConstraintDefinition, cx: CaseContext): Operation => {
  const on = { name: cx.n(table) };
  switch (c.type) {
    case "primary":
      return { kind: "createPrimaryKey", table: on, constraint: c };
    case "foreign":
      return { kind: "createForeignKey", table: on, constraint: c };
    case "unique":
      return { kind: "createUniqueConstraint", table: on, constraint: c };
    case "check":
      return { kind: "createCheckConstraint", table: on, constraint: c };
  }
};

const tableOfConstraint = { primary: "parent", foreign: "child", unique: "parent", check: "child" };

function dropConstraintCase(type: keyof typeof tableOfConstraint): OperationCase {
  const table = tableOfConstraint[type];
  return {
    name: `dropConstraint: ${type}, with existing and type`,
    // The parent's primary key is the fixture's own.
    setup: (c) => (type === "primary" ? [] : [create(table, constraints(c)[type], c)]),
    up: (c) => [
      {
        kind: "dropConstraint",
        table: { name: c.n(table) },
        name: constraints(c)[type].name,
        type,
        existing: constraints(c)[type],
      },
    ],
    check(c) {
      const after = tableOf(c.after, c.n(table));
      const name = constraints(c)[type].name;
      if (type === "primary") expect(after.primaryKey).toBeNull();
      if (type === "foreign") expect(after.foreignKeys).toEqual([]);
      if (type === "unique") expect(after.uniques.map((u) => u.name)).not.toContain(name);
      if (type === "check") expect(after.checks.map((k) => k.name)).not.toContain(name);
      // Only the constraint went: the columns are as they were.
      expect(after.columns).toEqual(tableOf(c.before, c.n(table)).columns);
    },
  };
}

export const KEY_CASES: readonly OperationCase[] = [
  {
    name: "createIndex: unique, two columns",
    up: index("ix_child_parent_qty", "child", ["parent_id", "qty"], { unique: true }),
    check(c) {
      const child = tableOf(c.after, c.n("child"));
      const name = c.n("ix_child_parent_qty");
      const columns = ["parent_id", "qty"];
      // Where a unique index and a unique constraint are one thing (MySQL), it is listed
      // with the constraints; either way it is there, unique, on both columns.
      const asIndex = child.indexes.find((i) => i.name === name);
      if (asIndex) expect(asIndex).toMatchObject({ columns, unique: true });
      else expect(child.uniques).toContainEqual({ name, columns });
    },
  },
  {
    name: "createIndex: expression",
    applies: (caps) => caps.expressionIndexes,
    up: index("ix_parent_lower_name", "parent", [sql("lower(name)")]),
    check(c) {
      const found = foundIndex(c, "parent", "ix_parent_lower_name");
      expect(found.columns).toHaveLength(1);
      expect(found.columns[0]!.toLowerCase()).toContain("lower");
    },
  },
  {
    name: "createIndex: partial",
    applies: (caps) => caps.partialIndexes,
    up: index("ix_child_qty_positive", "child", ["qty"], { where: "qty > 0" }),
    check(c) {
      const found = foundIndex(c, "child", "ix_child_qty_positive");
      expect(found.columns).toEqual(["qty"]);
      expect(found.where).toMatch(/qty/);
    },
  },
  {
    name: "createIndex: concurrently, in a transactional = false migration",
    transactional: false,
    up: index("ix_parent_code", "parent", ["code"], { concurrently: true }),
    check(c) {
      expect(foundIndex(c, "parent", "ix_parent_code")).toMatchObject({
        columns: ["code"],
        unique: false,
        where: null,
      });
    },
  },
  {
    name: "dropIndex with existing and table: the reverse rebuilds it",
    setup: index("ix_parent_name_code", "parent", ["name", "code"]),
    up: ({ n }) => [
      {
        kind: "dropIndex",
        name: n("ix_parent_name_code"),
        table: { name: n("parent") },
        existing: { name: n("ix_parent_name_code"), columns: ["name", "code"] },
      },
    ],
    check(c) {
      const names = tableOf(c.after, c.n("parent")).indexes.map((i) => i.name);
      expect(names).not.toContain(c.n("ix_parent_name_code"));
    },
  },
  {
    name: "createPrimaryKey on a table without one",
    up: ({ n }) => [
      {
        kind: "createPrimaryKey",
        table: { name: n("bare") },
        constraint: { name: n("bare_pkey"), columns: ["id"] },
      },
    ],
    check(c) {
      expect(tableOf(c.after, c.n("bare")).primaryKey?.columns).toEqual(["id"]);
    },
  },
  {
    name: "createForeignKey: onDelete set null, onUpdate cascade",
    up: (c) => [
      create("child", { ...constraints(c).foreign, onDelete: "set null", onUpdate: "cascade" }, c),
    ],
    check(c) {
      expect(tableOf(c.after, c.n("child")).foreignKeys).toEqual([
        expect.objectContaining({
          name: c.n("fk_child_parent"),
          columns: ["parent_id"],
          referencedTable: c.n("parent"),
          referencedColumns: ["id"],
          onDelete: "set null",
          onUpdate: "cascade",
        }),
      ]);
    },
  },
  {
    name: "createUniqueConstraint",
    up: (c) => [create("parent", constraints(c).unique, c)],
    check(c) {
      expect(tableOf(c.after, c.n("parent")).uniques).toContainEqual({
        name: c.n("uq_parent_code"),
        columns: ["code"],
      });
    },
  },
  {
    name: "createCheckConstraint",
    up: (c) => [create("child", constraints(c).check, c)],
    async check(c) {
      const checks = tableOf(c.after, c.n("child")).checks;
      expect(checks.map((k) => k.name)).toContain(c.n("ck_child_qty"));
      // The database enforces it.
      const bad = `UPDATE ${c.table("child")} SET ${c.id("qty")} = -1`;
      await expect(c.query(bad)).rejects.toThrow();
    },
  },
  dropConstraintCase("primary"),
  dropConstraintCase("foreign"),
  dropConstraintCase("unique"),
  dropConstraintCase("check"),
];
